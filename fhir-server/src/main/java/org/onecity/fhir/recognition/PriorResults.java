package org.onecity.fhir.recognition;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * The results of a recognised test a person has had since a given moment, from every hospital, as the calling
 * request may see them: the searches run under the request, so the access rules withhold what the caller may not
 * see and the access log records whose records were looked at.
 */
class PriorResults {

    private static final List<String> FINAL_OBSERVATION = List.of("final", "amended", "corrected");
    private static final List<String> FINAL_REPORT = List.of("final", "amended", "corrected", "appended");

    private final DaoRegistry daos;

    PriorResults(DaoRegistry daos) {
        this.daos = daos;
    }

    /**
     * An unknown patient is the caller's mistake, answered 404, not an empty answer. A patient the caller may not see
     * is read under the caller's request, so it is "not known" in the same words: the answer never tells which.
     */
    void requirePatient(String patientId, RequestDetails request) {
        if (daos.getResourceDao(Patient.class).read(new IdType("Patient", patientId), request) == null) {
            throw new ResourceNotFoundException(new IdType("Patient", patientId));
        }
    }

    List<Resource> of(Collection<String> patientIds, RecognisedTest test, Instant since, RequestDetails request) {
        List<Resource> found = new ArrayList<>();
        TokenParam code = new TokenParam(test.system(), test.code());
        found.addAll(search(DiagnosticReport.class, SearchParameterMap.newSynchronous()
                .add(DiagnosticReport.SP_PATIENT, patients(patientIds))
                .add(DiagnosticReport.SP_CODE, code)
                .add(DiagnosticReport.SP_STATUS, anyOf(FINAL_REPORT))
                .add(DiagnosticReport.SP_DATE, from(since)), request));
        if (test.kind() == RecognisedTest.Kind.LABORATORY) {
            found.addAll(search(Observation.class, SearchParameterMap.newSynchronous()
                    .add(Observation.SP_PATIENT, patients(patientIds))
                    .add(Observation.SP_CODE, code)
                    .add(Observation.SP_STATUS, anyOf(FINAL_OBSERVATION))
                    .add(Observation.SP_DATE, from(since)), request));
        } else {
            // R4 has no search parameter on ImagingStudy.procedureCode; a person has few studies in a window
            search(ImagingStudy.class, SearchParameterMap.newSynchronous()
                    .add(ImagingStudy.SP_PATIENT, patients(patientIds))
                    .add(ImagingStudy.SP_STATUS, new TokenParam("available"))
                    .add(ImagingStudy.SP_STARTED, from(since)), request).stream()
                    .filter(study -> ((ImagingStudy) study).getProcedureCode().stream()
                            .anyMatch(c -> c.hasCoding(test.system(), test.code())))
                    .forEach(found::add);
        }
        return found;
    }

    private List<Resource> search(Class<? extends IBaseResource> type, SearchParameterMap search, RequestDetails request) {
        return daos.getResourceDao(type).searchForResources(search, request).stream()
                .filter(r -> r instanceof Resource)
                .map(r -> (Resource) r)
                .toList();
    }

    private static ReferenceOrListParam patients(Collection<String> patientIds) {
        ReferenceOrListParam any = new ReferenceOrListParam();
        patientIds.forEach(id -> any.addOr(new ReferenceParam("Patient/" + id)));
        return any;
    }

    private static TokenOrListParam anyOf(List<String> codes) {
        TokenOrListParam any = new TokenOrListParam();
        codes.forEach(c -> any.addOr(new TokenParam(c)));
        return any;
    }

    private static DateParam from(Instant since) {
        return new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, Date.from(since));
    }
}
