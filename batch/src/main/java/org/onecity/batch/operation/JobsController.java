package org.onecity.batch.operation;

import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The batch over HTTP: run a job with parameters ({@code POST /batch/jobs/{job}/executions}, answered 202 with where
 * to watch it), watch an execution's progress, restart a failed one.
 */
@RestController
@RequestMapping("/batch")
public class JobsController {

    private final Jobs jobs;
    private final Progress progress;
    private final BatchAccess access;

    public JobsController(Jobs jobs, Progress progress, BatchAccess access) {
        this.jobs = jobs;
        this.progress = progress;
        this.access = access;
    }

    public record StepStatus(String name, String status, long read, long written, long skipped, long commits) {
    }

    public record ExecutionStatus(long id, String job, Map<String, String> parameters, String status, String exitCode,
                                  String exitDescription, Instant startTime, Instant endTime,
                                  Progress.Figures progress, List<StepStatus> steps) {
    }

    @GetMapping("/jobs")
    public Map<String, List<ExecutionStatus>> jobs() {
        access.requireWatcher();
        Map<String, List<ExecutionStatus>> answer = new TreeMap<>();
        jobs.names().forEach(name -> answer.put(name, jobs.recent(name, 3).stream().map(this::status).toList()));
        return answer;
    }

    @PostMapping("/jobs/{job}/executions")
    public ResponseEntity<ExecutionStatus> start(@PathVariable String job,
                                                 @RequestBody(required = false) Map<String, String> parameters) {
        access.requireRunner();
        JobExecution execution = jobs.start(job, parameters == null ? Map.of() : parameters);
        return ResponseEntity.accepted().location(URI.create("/batch/executions/" + execution.getId()))
                .body(status(execution));
    }

    @GetMapping("/jobs/{job}/executions")
    public List<ExecutionStatus> recent(@PathVariable String job) {
        access.requireWatcher();
        return jobs.recent(job, 20).stream().map(this::status).toList();
    }

    @GetMapping("/executions/{id}")
    public ExecutionStatus execution(@PathVariable long id) {
        access.requireWatcher();
        return status(jobs.execution(id));
    }

    @PostMapping("/executions/{id}/restart")
    public ResponseEntity<ExecutionStatus> restart(@PathVariable long id) {
        access.requireRunner();
        JobExecution execution = jobs.restart(id);
        return ResponseEntity.accepted().location(URI.create("/batch/executions/" + execution.getId()))
                .body(status(execution));
    }

    public ExecutionStatus status(JobExecution execution) {
        Map<String, String> parameters = new TreeMap<>();
        execution.getJobParameters().getParameters().forEach((name, value) ->
                parameters.put(name, String.valueOf(value.getValue())));
        String description = execution.getExitStatus().getExitDescription();
        int newline = description.indexOf('\n');
        return new ExecutionStatus(execution.getId(), execution.getJobInstance().getJobName(), parameters,
                execution.getStatus().name(), execution.getExitStatus().getExitCode(),
                newline < 0 ? description : description.substring(0, newline), BatchTimes.instant(execution.getStartTime()),
                BatchTimes.instant(execution.getEndTime()), progress.of(execution),
                execution.getStepExecutions().stream().sorted(Comparator.comparing(StepExecution::getId))
                        .map(s -> new StepStatus(s.getStepName(), s.getStatus().name(), s.getReadCount(),
                                s.getWriteCount(), s.getSkipCount(), s.getCommitCount()))
                        .toList());
    }
}
