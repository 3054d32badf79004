package org.onecity.imaging.dicomweb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpStatus;

/**
 * The STOW-RS response (PS3.18 10.5.3): the Referenced SOP Sequence of stored instances with their Retrieve URL and
 * the Failed SOP Sequence with each failure's reason and, as Error Comment, the reason in words.
 */
final class StowResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode body = JSON.createObjectNode();
    private final ArrayNode referenced = JSON.createArrayNode();
    private final ArrayNode failed = JSON.createArrayNode();
    private final String studyRetrieveUrl;

    StowResponse(String studyRetrieveUrl) {
        this.studyRetrieveUrl = studyRetrieveUrl;
    }

    void stored(String sopClassUid, String sopInstanceUid, String retrieveUrl, String warning) {
        ObjectNode item = referenced.addObject();
        string(item, "00081150", "UI", sopClassUid);
        string(item, "00081155", "UI", sopInstanceUid);
        string(item, "00081190", "UR", retrieveUrl);
        if (warning != null) {
            ObjectNode reason = item.putObject("00081196");
            reason.put("vr", "US");
            reason.putArray("Value").add(0xB000);
            string(item, "00000902", "LO", warning);
        }
    }

    void failed(String sopClassUid, String sopInstanceUid, int reason, String comment) {
        ObjectNode item = failed.addObject();
        string(item, "00081150", "UI", sopClassUid);
        string(item, "00081155", "UI", sopInstanceUid);
        ObjectNode failure = item.putObject("00081197");
        failure.put("vr", "US");
        failure.putArray("Value").add(reason);
        string(item, "00000902", "LO", comment);
    }

    HttpStatus status() {
        if (failed.isEmpty()) {
            return HttpStatus.OK;
        }
        return referenced.isEmpty() ? HttpStatus.CONFLICT : HttpStatus.ACCEPTED;
    }

    String json() {
        if (studyRetrieveUrl != null && !referenced.isEmpty()) {
            string(body, "00081190", "UR", studyRetrieveUrl);
        }
        if (!referenced.isEmpty()) {
            sequence("00081199", referenced);
        }
        if (!failed.isEmpty()) {
            sequence("00081198", failed);
        }
        return body.toString();
    }

    private void sequence(String tag, ArrayNode items) {
        ObjectNode sequence = body.putObject(tag);
        sequence.put("vr", "SQ");
        sequence.set("Value", items);
    }

    private static void string(ObjectNode node, String tag, String vr, String value) {
        ObjectNode attribute = node.putObject(tag);
        attribute.put("vr", vr);
        if (value != null) {
            attribute.putArray("Value").add(value);
        }
    }
}
