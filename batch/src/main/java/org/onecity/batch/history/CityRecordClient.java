package org.onecity.batch.history;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.onecity.batch.BatchSettings;
import org.onecity.common.identity.Tokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * fhir-server through HAPI's FHIR client, as the hospital whose history is imported: fhir-server records the sender
 * of every record from the token, so the import runs with the hospital system's own client credentials
 * ({@code onecity.batch.history.clients.<hospital>}).
 */
@Component
public class CityRecordClient {

    private final FhirContext fhir;
    private final BatchSettings settings;
    private final String issuer;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    record Token(String value, Instant until) {
    }

    public CityRecordClient(FhirContext fhir, BatchSettings settings,
                            @Value("${onecity.security.issuer-uri:}") String issuer) {
        this.fhir = fhir;
        this.settings = settings;
        this.issuer = issuer;
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        fhir.getRestfulClientFactory().setSocketTimeout(120_000);
    }

    public boolean knows(String hospital) {
        return client(hospital) != null;
    }

    /** Pushes the resources as one transaction; a refusal of fhir-server says why in its words. */
    public void push(String hospital, Bundle transaction) {
        IGenericClient client = fhir.newRestfulGenericClient(settings.history().fhirServer());
        client.registerInterceptor(new BearerTokenAuthInterceptor(token(hospital)));
        try {
            client.transaction().withBundle(transaction).execute();
        } catch (BaseServerResponseException e) {
            // unreachable (no status) or failing (5xx): the import stops, to be restarted; a 4xx is about the records
            if (e.getStatusCode() < 400 || e.getStatusCode() >= 500) {
                throw e;
            }
            throw new RejectedByCityRecord(e.getStatusCode() + " " + diagnostics(e));
        }
    }

    private String token(String hospital) {
        Token token = tokens.get(hospital);
        if (token == null || Instant.now().isAfter(token.until())) {
            BatchSettings.Client client = client(hospital);
            token = new Token(new Tokens(issuer).forSystem(client.id(), client.secret()),
                    Instant.now().plus(Duration.ofMinutes(4)));
            tokens.put(hospital, token);
        }
        return token.value();
    }

    private BatchSettings.Client client(String hospital) {
        return settings.history().clients().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(hospital)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static String diagnostics(BaseServerResponseException e) {
        if (e.getOperationOutcome() instanceof OperationOutcome outcome && !outcome.getIssue().isEmpty()) {
            List<String> issues = outcome.getIssue().stream().map(i -> (i.getLocation().isEmpty() ? ""
                    : i.getLocation().get(0).getValue() + ": ") + i.getDiagnostics()).toList();
            return issues.stream().collect(Collectors.joining("; "));
        }
        return e.getMessage();
    }

    /** fhir-server refused the records (4xx): the records are wrong, not the connection. */
    public static class RejectedByCityRecord extends RuntimeException {
        public RejectedByCityRecord(String reason) {
            super(reason);
        }
    }
}
