package org.onecity.imaging.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.client.interceptor.SimpleRequestHeaderInterceptor;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.onecity.common.security.BreakGlassHeader;
import org.onecity.imaging.mirror.ImagingStudies;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Asks the city record which studies a doctor or patient may see: their own token is relayed to fhir-server, which
 * applies the care relationships, sharing consents and break-glass rules to the studies' ImagingStudy mirrors and
 * records the look in the person's access log. The imaging service keeps no second copy of those rules.
 */
public class CityRecordGate {

    private static final int PAGE = 50;
    /** A viewer asks for a study's frames one request at a time: a yes is remembered briefly. */
    private static final Duration REMEMBERED = Duration.ofSeconds(60);
    private static final int MAX_REMEMBERED = 10_000;

    private final FhirContext fhir;
    private final String fhirServer;
    private final Map<String, Instant> allowed = new ConcurrentHashMap<>();

    public CityRecordGate(FhirContext fhir, String fhirServer) {
        this.fhir = fhir;
        this.fhirServer = fhirServer;
    }

    /**
     * The study UIDs among the given ones (each with the hospital that stored it) whose ImagingStudy the token's holder
     * may read, with the doctor's break-glass reason if one was stated (null otherwise): a look allowed by breaking the
     * glass is remembered as such only. A study is asked for by the identifier in its hospital's own namespace, which
     * only that hospital can issue, so no other hospital's ImagingStudy can stand in for it.
     */
    public Set<String> visible(String bearerToken, String breakGlassReason, Map<String, String> hospitalOfStudy) {
        Set<String> visible = new HashSet<>();
        Instant now = Instant.now();
        String asker = breakGlassReason == null ? bearerToken : bearerToken + " glass:" + breakGlassReason;
        Map<String, List<String>> byHospital = new TreeMap<>();
        hospitalOfStudy.forEach((uid, hospital) -> {
            Instant until = allowed.get(asker + " " + uid);
            if (until != null && until.isAfter(now)) {
                visible.add(uid);
            } else {
                byHospital.computeIfAbsent(hospital, h -> new ArrayList<>()).add(uid);
            }
        });
        IGenericClient client = fhir.newRestfulGenericClient(fhirServer);
        client.registerInterceptor(new BearerTokenAuthInterceptor(bearerToken));
        if (breakGlassReason != null) {
            // in the header's own encoding: a Chinese reason reaches the city record as the doctor wrote it
            client.registerInterceptor(new SimpleRequestHeaderInterceptor(BreakGlassHeader.NAME,
                    BreakGlassHeader.write(breakGlassReason)));
        }
        byHospital.forEach((hospital, uids) -> {
            String system = ImagingStudies.studySystem(hospital);
            for (int from = 0; from < uids.size(); from += PAGE) {
                List<String> page = uids.subList(from, Math.min(uids.size(), from + PAGE));
                try {
                    Bundle found = client.search().forResource(ImagingStudy.class)
                            .where(new TokenClientParam(ImagingStudy.SP_IDENTIFIER).exactly().systemAndValues(system, page))
                            .elementsSubset("identifier").count(PAGE).returnBundle(Bundle.class).execute();
                    for (Bundle.BundleEntryComponent entry : found.getEntry()) {
                        if (entry.getResource() instanceof ImagingStudy study) {
                            study.getIdentifier().stream().filter(i -> system.equals(i.getSystem()))
                                    .map(Identifier::getValue).filter(page::contains)
                                    .forEach(uid -> remember(asker, uid, visible));
                        }
                    }
                } catch (BaseServerResponseException e) {
                    if (e.getStatusCode() == 401 || e.getStatusCode() == 403) {
                        continue; // the city record lets this person see none of them
                    }
                    throw new CityRecordUnavailable("The city record cannot decide access now: " + e.getMessage());
                }
            }
        });
        return visible;
    }

    private void remember(String asker, String uid, Set<String> visible) {
        visible.add(uid);
        if (allowed.size() > MAX_REMEMBERED) {
            allowed.clear();
        }
        allowed.put(asker + " " + uid, Instant.now().plus(REMEMBERED));
    }

    /** The city record did not answer: nothing is shown rather than everything. */
    public static class CityRecordUnavailable extends RuntimeException {
        public CityRecordUnavailable(String message) {
            super(message);
        }
    }
}
