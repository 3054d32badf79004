package org.onecity.portal.bureau;

import com.fasterxml.jackson.databind.JsonNode;
import org.onecity.portal.city.CityServices;
import org.onecity.portal.city.FhirJson;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.onecity.portal.locale.PortalLocales.CITY_ZONE;

/**
 * The bureau's figures, each from the service that keeps it, asked with the bureau person's own token: intake from
 * the city record's ledger, the mirror's outbox from imaging, the jobs from batch, the proposed links from MDM.
 */
@Component
class BureauFigures {

    private final CityServices services;
    private final Clock clock;

    BureauFigures(CityServices services) {
        this.services = services;
        this.clock = Clock.system(CITY_ZONE);
    }

    IntakeReport intake(int days) {
        JsonNode report = services.fhir("/$intake-report?days=" + days, null);
        return IntakeReport.of(report, LocalDate.now(clock), days);
    }

    MirrorBacklog mirrorBacklog() {
        return MirrorBacklog.of(services.imagingService("/mirror/outbox?failing=20"));
    }

    BatchJobs jobs() {
        return BatchJobs.of(services.batch("/jobs"));
    }

    /** The pairs awaiting review, the longest-waiting first, with both records read in one search. */
    Matches possibleMatches() {
        JsonNode answer = services.fhir("/$mdm-query-links?matchResult=POSSIBLE_MATCH&_count=" + PossibleMatches.MOST,
                null);
        List<PossibleMatches.Link> links = PossibleMatches.links(answer);
        Set<String> ids = new LinkedHashSet<>();
        links.forEach(l -> {
            ids.add(idOf(l.cityPatient()));
            ids.add(idOf(l.hospitalRecord()));
        });
        Map<String, PossibleMatches.Person> patients = new HashMap<>();
        if (!ids.isEmpty()) {
            JsonNode bundle = services.fhir("/Patient?_id=" + String.join(",", ids) + "&_count=" + ids.size(), null);
            Locale reader = LocaleContextHolder.getLocale();
            FhirJson.resources(bundle).forEach(p -> patients.put(FhirJson.reference(p), PossibleMatches.person(p, reader)));
        }
        long total = PossibleMatches.total(answer);
        return new Matches(PossibleMatches.pairs(links, patients), Math.max(total, links.size()));
    }

    record Matches(List<PossibleMatches.Pair> pairs, long total) {

        boolean partial() {
            return total > pairs.size();
        }
    }

    /** A link names a record as {@code Patient/123}; a search by id wants {@code 123}. */
    private static String idOf(String reference) {
        return reference.substring(reference.lastIndexOf('/') + 1);
    }
}
