package org.onecity.fhir.citypatient;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.mdm.api.IMdmSubmitSvc;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Matching that survives a crash. HAPI hands a changed Patient to matching through a queue that lives in memory once
 * it is taken from the database; a server that dies in between loses it, and the Patient never gets a city patient.
 * So every hospital Patient written is also recorded as due for matching, in the write's own transaction; a worker
 * looks at what is due (at start, and every few seconds), forgets what matching has linked, and hands what it has
 * not linked after a grace period to matching again. A Patient is matched at least once; matching it twice links it
 * once.
 */
public class MatchingDue implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MatchingDue.class);
    private static final int BATCH = 200;

    private final JdbcTemplate jdbc;
    private final CityPatients cityPatients;
    private final IMdmSubmitSvc matching;
    private final Duration grace;
    private final Clock clock;
    private ScheduledExecutorService worker;

    MatchingDue(JdbcTemplate jdbc, CityPatients cityPatients, IMdmSubmitSvc matching, Duration grace, Clock clock) {
        this.jdbc = jdbc;
        this.cityPatients = cityPatients;
        this.matching = matching;
        this.grace = grace;
        this.clock = clock;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        due(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        due(resource);
    }

    /** In the write's transaction: the Patient and its being due commit together or not at all. */
    private void due(IBaseResource resource) {
        if (resource instanceof Patient patient && !CityPatients.isCityPatient(patient)) {
            jdbc.update("insert into onecity.matching_due (patient_id, due_since) values (?, ?) "
                            + "on conflict (patient_id) do update set due_since = excluded.due_since, attempts = 0",
                    patient.getIdElement().getIdPart(), Timestamp.from(clock.instant()));
        }
    }

    /** One look at what is due: linked Patients are done; those past the grace period go to matching again. */
    public int sweep() {
        Timestamp before = Timestamp.from(clock.instant().minus(grace));
        List<String> due = jdbc.queryForList("select patient_id from onecity.matching_due where due_since < ? "
                + "and (last_attempt is null or last_attempt < ?) order by due_since limit ?", String.class, before, before,
                BATCH);
        int resubmitted = 0;
        for (String patientId : due) {
            if (cityPatients.linkedRecords(patientId).size() > 1) {
                jdbc.update("delete from onecity.matching_due where patient_id = ?", patientId);
                continue;
            }
            try {
                matching.submitSourceResourceToMdm(new IdType("Patient", patientId), new SystemRequestDetails());
                resubmitted++;
            } catch (RuntimeException gone) {
                // a Patient deleted since, or one matching refuses: nothing more to wait for
                log.info("Patient/{} is not matched ({}); no longer due", patientId, gone.getMessage());
                jdbc.update("delete from onecity.matching_due where patient_id = ?", patientId);
                continue;
            }
            jdbc.update("update onecity.matching_due set attempts = attempts + 1, last_attempt = ? where patient_id = ?",
                    Timestamp.from(clock.instant()), patientId);
        }
        if (resubmitted > 0) {
            log.info("{} Patient(s) not matched after {} handed to matching again", resubmitted, grace);
        }
        return resubmitted;
    }

    @Override
    public void start() {
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "matching-due");
            thread.setDaemon(true);
            return thread;
        });
        worker.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                log.warn("Looking at Patients due for matching failed; trying again shortly", e);
            }
        }, 2, 5, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null && !worker.isShutdown();
    }

    /** After matching listens (it is a later phase): Patients handed to matching before it listens would be lost. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
