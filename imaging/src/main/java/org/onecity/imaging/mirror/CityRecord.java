package org.onecity.imaging.mirror;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.onecity.common.identity.Tokens;
import org.onecity.imaging.ImagingSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * fhir-server through HAPI's FHIR client, as the hospital whose study it is: the city record records the sender of
 * every record from its token, so each hospital's ImagingStudies are written with that hospital's client credentials.
 */
public class CityRecord {

    private final FhirContext fhir;
    private final ImagingSettings.Mirror settings;
    private final String issuer;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant until) {
    }

    public CityRecord(FhirContext fhir, ImagingSettings.Mirror settings, String issuer) {
        this.fhir = fhir;
        this.settings = settings;
        this.issuer = issuer;
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        fhir.getRestfulClientFactory().setConnectTimeout(5_000);
        fhir.getRestfulClientFactory().setSocketTimeout(60_000);
    }

    /**
     * Creates or updates the study's ImagingStudy, matched on the hospital's own study identifier, in a transaction
     * so the patient is found by the hospital's record number.
     */
    public void put(String hospital, String studyUid, ImagingStudy study) {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setResource(study).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("ImagingStudy?identifier=" + ImagingStudies.studySystem(hospital) + "|" + studyUid);
        IGenericClient client = fhir.newRestfulGenericClient(settings.fhirServer());
        client.registerInterceptor(new BearerTokenAuthInterceptor(token(hospital)));
        try {
            client.transaction().withBundle(transaction).execute();
        } catch (BaseServerResponseException e) {
            throw new NotMirrored(e.getStatusCode() + " " + diagnostics(e), e);
        }
    }

    private String token(String hospital) {
        Token token = tokens.get(hospital);
        if (token == null || Instant.now().isAfter(token.until())) {
            ImagingSettings.Client client = settings.clients().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(hospital)).map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new NotMirrored("No client credentials for hospital " + hospital
                            + " (onecity.imaging.mirror.clients." + hospital + ")", null));
            token = new Token(new Tokens(issuer).forSystem(client.id(), client.secret()),
                    Instant.now().plus(Duration.ofMinutes(4)));
            tokens.put(hospital, token);
        }
        return token.value();
    }

    private static String diagnostics(BaseServerResponseException e) {
        if (e.getOperationOutcome() instanceof OperationOutcome outcome && !outcome.getIssue().isEmpty()) {
            return outcome.getIssue().stream().map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                    .collect(Collectors.joining("; "));
        }
        return e.getMessage();
    }

    /** The city record did not take the study now; it stays in the outbox. */
    public static class NotMirrored extends RuntimeException {
        public NotMirrored(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
