package org.onecity.batch.operation;

import org.onecity.batch.BatchSettings;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.partition.support.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Builds partitioned steps: with {@code onecity.batch.partitions.mode=LOCAL} the partitions run on this process's
 * threads; with MANAGER they are sent to worker processes through a PostgreSQL-backed channel
 * ({@link RemotePartitions}).
 */
@Component
public class PartitionedSteps {

    private final JobRepository repository;
    private final BatchSettings settings;
    private final RemotePartitions remote;
    private final Progress progress;

    public PartitionedSteps(JobRepository repository, BatchSettings settings, RemotePartitions remote,
                            Progress progress) {
        this.repository = repository;
        this.settings = settings;
        this.remote = remote;
        this.progress = progress;
    }

    public Step step(String name, Step worker, Partitioner partitioner) {
        progress.managerStep(name);
        if (settings.partitions().mode() == BatchSettings.Mode.LOCAL) {
            SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(name + "-");
            threads.setConcurrencyLimit(Math.max(1, settings.settlement().threads()));
            return new StepBuilder(name, repository)
                    .partitioner(worker.getName(), partitioner)
                    .step(worker)
                    .gridSize(settings.settlement().threads())
                    .taskExecutor(threads)
                    .build();
        }
        return remote.managerStep(name, worker.getName(), partitioner);
    }
}
