package org.onecity.batch;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.Map;

/**
 * The batch's settings ({@code onecity.batch.*}).
 *
 * @param zone     the city's time zone: a settlement period is one of its calendar days
 * @param files    where settlement files, received statements, reports and error files are kept
 * @param schedule cron expressions by job name, in the city's zone
 */
@ConfigurationProperties("onecity.batch")
public record BatchSettings(ZoneId zone, Path files, Settlement settlement, Overdue overdue, History history,
                            Partitions partitions, Map<String, String> schedule) {

    public BatchSettings {
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        files = files == null ? Path.of("batch-files") : files;
        settlement = settlement == null ? new Settlement(500, 2) : settlement;
        overdue = overdue == null ? new Overdue(Period.ofDays(7)) : overdue;
        history = history == null ? new History("http://localhost:8080/fhir", 100, Map.of()) : history;
        partitions = partitions == null ? new Partitions(Mode.LOCAL, Duration.ofMinutes(30)) : partitions;
        schedule = schedule == null ? Map.of() : schedule;
    }

    /** @param threads hospitals settled at once by this process */
    public record Settlement(int chunk, int threads) {
    }

    /** @param suspendAfter how long after the reminder an unpaid bill suspends the card's pay-later */
    public record Overdue(Period suspendAfter) {
    }

    /**
     * @param clients the system client each hospital's history is pushed with (client id and secret by hospital
     *                code): fhir-server records the hospital that sent each record from its token
     */
    public record History(String fhirServer, int chunk, Map<String, Client> clients) {
        public History {
            clients = clients == null ? Map.of() : clients;
        }
    }

    public record Client(String id, String secret) {
    }

    /**
     * @param mode    LOCAL: partitions run on this process's threads; MANAGER: partitions are sent to workers through
     *                a PostgreSQL-backed channel; WORKER: this process takes partitions from that channel
     * @param timeout how long a manager waits for its workers
     */
    public record Partitions(Mode mode, Duration timeout) {
        public Partitions {
            mode = mode == null ? Mode.LOCAL : mode;
            timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
        }
    }

    public enum Mode { LOCAL, MANAGER, WORKER }
}
