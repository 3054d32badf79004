package org.onecity.fhir.recognition;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.onecity.common.city.CityDirectory;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.city.Hospital;
import org.onecity.fhir.citypatient.CityPatients;
import org.onecity.fhir.ingest.SourceStamp;
import org.onecity.fhir.server.OperationProviders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Patient/{id}/$recognised-results}: given a person (any of their hospital records, or their city patient)
 * and what a doctor intends to order, the results of recognised tests from any hospital that are still inside the
 * test's validity window, newest first. Each entry says which ordered test it answers and until when it is
 * recognised; ordered tests the catalogue does not list are named in an informational OperationOutcome.
 */
public class RecognitionOperation implements OperationProviders {

    public static final String NAME = "$recognised-results";
    public static final String RECOGNISED_FOR = CityIdentifiers.BASE + "/StructureDefinition/recognised-for";
    public static final String RECOGNISED_UNTIL = CityIdentifiers.BASE + "/StructureDefinition/recognised-until";

    private final RecognitionCatalogue catalogue;
    private final PriorResults priorResults;
    private final CityPatients cityPatients;
    private final CityDirectory city;
    private final MeterRegistry meters;
    private final Clock clock;

    RecognitionOperation(RecognitionCatalogue catalogue, PriorResults priorResults, CityPatients cityPatients,
            CityDirectory city, MeterRegistry meters, Clock clock) {
        this.catalogue = catalogue;
        this.priorResults = priorResults;
        this.cityPatients = cityPatients;
        this.city = city;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public List<Object> providers() {
        return List.of(this);
    }

    @Description(shortDefinition = "Recognised prior results from any hospital for tests about to be ordered")
    @Operation(name = NAME, type = org.hl7.fhir.r4.model.Patient.class, idempotent = true)
    public Bundle recognisedResults(@IdParam IdType patient,
            @Description(shortDefinition = "A test about to be ordered, as system|code")
            @OperationParam(name = "code", max = OperationParam.MAX_UNLIMITED) List<TokenParam> codes,
            @Description(shortDefinition = "An order about to be placed (draft ServiceRequest)")
            @OperationParam(name = "order", max = OperationParam.MAX_UNLIMITED) List<ServiceRequest> orders,
            RequestDetails request) {
        List<Coding> ordered = ordered(codes, orders);
        if (ordered.isEmpty()) {
            throw new InvalidRequestException("Name the tests about to be ordered: 'code' (system|code) or 'order'");
        }
        priorResults.requirePatient(patient.getIdPart(), request);
        Instant now = clock.instant();
        Set<String> records = cityPatients.linkedRecords(patient.getIdPart());
        Bundle answer = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        OperationOutcome notListed = new OperationOutcome();
        List<Bundle.BundleEntryComponent> found = new ArrayList<>();
        for (Coding order : ordered) {
            Optional<RecognisedTest> test = catalogue.forOrder(order.getSystem(), order.getCode());
            if (test.isPresent()) {
                found.addAll(recognised(test.get(), order, records, now, request));
            } else {
                notListed.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                        .setCode(OperationOutcome.IssueType.NOTFOUND)
                        .setDiagnostics(order.getSystem() + "|" + order.getCode() + " is not a recognised test");
            }
        }
        found.sort(Comparator.comparing((Bundle.BundleEntryComponent e) -> performed(e.getResource()).orElseThrow()).reversed());
        found.forEach(answer::addEntry);
        answer.setTotal(found.size());
        if (notListed.hasIssue()) {
            answer.addEntry().setResource(notListed).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
        }
        meters.counter("onecity.recognition.checks", "outcome", found.isEmpty() ? "none" : "recognised-result").increment();
        return answer;
    }

    /** The person's results of one ordered test that the city recognises now, from hospitals of the test's level. */
    private List<Bundle.BundleEntryComponent> recognised(RecognisedTest test, Coding order, Set<String> records,
            Instant now, RequestDetails request) {
        List<Bundle.BundleEntryComponent> entries = new ArrayList<>();
        for (Resource result : priorResults.of(records, test, test.windowStart(now, catalogue.zone()), request)) {
            performed(result).filter(at -> test.recognises(at, levelOf(result), now, catalogue.zone()))
                    .ifPresent(at -> entries.add(entry(result, order, test.recognisedUntil(at, catalogue.zone()))));
        }
        return entries;
    }

    private static List<Coding> ordered(List<TokenParam> codes, List<ServiceRequest> orders) {
        List<Coding> ordered = new ArrayList<>();
        if (codes != null) {
            codes.forEach(c -> ordered.add(new Coding(c.getSystem(), c.getValue(), null)));
        }
        if (orders != null) {
            orders.forEach(o -> ordered.addAll(o.getCode().getCoding()));
        }
        return ordered.stream().filter(c -> c.hasSystem() && c.hasCode()).toList();
    }

    private int levelOf(Resource result) {
        return SourceStamp.sourceHospital(result).flatMap(city::hospital).map(Hospital::level).orElse(0);
    }

    static Optional<Instant> performed(Resource result) {
        Date at = null;
        if (result instanceof Observation o) {
            at = o.hasEffectivePeriod() ? o.getEffectivePeriod().getStart()
                    : o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue() : null;
        } else if (result instanceof DiagnosticReport r) {
            at = r.hasEffectivePeriod() ? r.getEffectivePeriod().getStart()
                    : r.hasEffectiveDateTimeType() ? r.getEffectiveDateTimeType().getValue() : null;
        } else if (result instanceof ImagingStudy s) {
            at = s.getStarted();
        }
        return Optional.ofNullable(at).map(Date::toInstant);
    }

    private static Bundle.BundleEntryComponent entry(Resource result, Coding order, LocalDate until) {
        Bundle.BundleEntryComponent entry = new Bundle.BundleEntryComponent().setResource(result);
        entry.setFullUrl(result.getIdElement().toUnqualifiedVersionless().getValue());
        entry.getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        entry.getSearch().addExtension(RECOGNISED_FOR, order.copy());
        entry.getSearch().addExtension(RECOGNISED_UNTIL, new DateType(until.toString()));
        return entry;
    }
}
