package org.onecity.batch.operation;

import com.zaxxer.hikari.HikariDataSource;
import org.onecity.batch.BatchSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.partition.support.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Remote partitioning on the database the batch already has: a manager sends one request per partition into a
 * channel whose messages are rows of PostgreSQL ({@code int_channel_message}), and watches the job repository for the
 * partitions' ends; workers (other processes of this jar, {@code onecity.batch.partitions.mode=WORKER}) take requests
 * with {@code FOR UPDATE SKIP LOCKED} and run the partition.
 * <p>
 * A worker takes a request inside a transaction of its own connection that stays open while it runs the partition, so
 * a worker killed mid-partition gives the request back (its connection closes, the transaction rolls back) and
 * another worker goes on from the partition's last committed chunk: no item is lost or processed twice.
 */
@Component
public class RemotePartitions implements DisposableBean {

    static final String REQUESTS = "partition-requests";
    private static final Logger log = LoggerFactory.getLogger(RemotePartitions.class);

    private final BatchSettings settings;
    private final DataSourceProperties database;
    private final JobRepository repository;
    private final JobExplorer explorer;
    private final BeanFactory beans;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;
    private HikariDataSource channelDatabase;
    private JdbcChannelMessageStore store;

    public RemotePartitions(BatchSettings settings, DataSourceProperties database, JobRepository repository,
                            JobExplorer explorer, BeanFactory beans) {
        this.settings = settings;
        this.database = database;
        this.repository = repository;
        this.explorer = explorer;
        this.beans = beans;
    }

    Step managerStep(String name, String workerStep, Partitioner partitioner) {
        return new RemotePartitioningManagerStepBuilder(name, repository)
                .partitioner(workerStep, partitioner)
                .outputChannel(new QueueChannel(new MessageGroupQueue(store(), REQUESTS)))
                .jobExplorer(explorer)
                .beanFactory(beans)
                .pollInterval(500)
                .timeout(settings.partitions().timeout().toMillis())
                .build();
    }

    private HikariDataSource channelDatabase() {
        store();
        return channelDatabase;
    }

    private synchronized JdbcChannelMessageStore store() {
        if (store == null) {
            channelDatabase = database.initializeDataSourceBuilder().type(HikariDataSource.class).build();
            channelDatabase.setPoolName("partition-channel");
            channelDatabase.setMaximumPoolSize(Math.max(2, settings.settlement().threads() + 1));
            channelDatabase.setConnectionInitSql("set search_path to settlement");
            store = new JdbcChannelMessageStore(channelDatabase);
            store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
            store.addAllowedPatterns("org.springframework.batch.*", "org.springframework.messaging.*",
                    "org.springframework.integration.*", "java.util.*", "java.lang.*");
            store.afterPropertiesSet();
        }
        return store;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startWorking() {
        if (settings.partitions().mode() != BatchSettings.Mode.WORKER) {
            return;
        }
        running = true;
        StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
        handler.setJobExplorer(explorer);
        handler.setStepLocator(new StepLocator() {
            @Override
            public java.util.Collection<String> getStepNames() {
                return steps().stream().map(Step::getName).toList();
            }

            @Override
            public Step getStep(String name) {
                return steps().stream().filter(step -> step.getName().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("No step " + name + " in this worker"));
            }
        });
        TransactionTemplate taking = new TransactionTemplate(new DataSourceTransactionManager(channelDatabase()));
        for (int i = 0; i < Math.max(1, settings.settlement().threads()); i++) {
            Thread worker = new Thread(() -> work(handler, taking), "partition-worker-" + i);
            workers.add(worker);
            worker.start();
        }
        log.info("Taking partitions from the {} channel with {} threads", REQUESTS, workers.size());
    }

    private void work(StepExecutionRequestHandler handler, TransactionTemplate taking) {
        while (running) {
            try {
                Boolean took = taking.execute(status -> {
                    Message<?> request = store().pollMessageFromGroup(REQUESTS);
                    if (request == null) {
                        return false;
                    }
                    StepExecutionRequest partition = (StepExecutionRequest) request.getPayload();
                    log.info("Running partition {} of job execution {}", partition.getStepExecutionId(),
                            partition.getJobExecutionId());
                    handler.handle(partition);
                    return true;
                });
                if (!Boolean.TRUE.equals(took)) {
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("A partition failed in this worker", e);
            }
        }
    }

    private java.util.Collection<Step> steps() {
        return ((ListableBeanFactory) beans).getBeansOfType(Step.class).values();
    }

    @Override
    public void destroy() {
        running = false;
        workers.forEach(Thread::interrupt);
        if (channelDatabase != null) {
            channelDatabase.close();
        }
    }
}
