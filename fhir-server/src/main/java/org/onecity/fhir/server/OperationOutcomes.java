package org.onecity.fhir.server;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** OperationOutcome bodies for errors raised before HAPI has the request. */
final class OperationOutcomes {

    private OperationOutcomes() {
    }

    static String errorJson(String code, String diagnostics) {
        String text = new String(JsonStringEncoder.getInstance().quoteAsString(diagnostics));
        return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + code
                + "\",\"diagnostics\":\"" + text + "\"}]}";
    }
}
