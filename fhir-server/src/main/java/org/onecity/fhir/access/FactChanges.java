package org.onecity.fhir.access;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Tells every node of the city record which persons' facts a write changed, through PostgreSQL: {@code pg_notify}
 * in the writing transaction, which PostgreSQL delivers to every listening node when (and only if) it commits
 * ({@link FactChangeListener}). A node's remembered facts are thus never older than the last commit it was told of,
 * whichever node wrote it. What one transaction changed goes as one message (a few for a large one), just before it
 * commits, so a history of thousands of encounters costs a statement, not thousands.
 * <p>
 * A message is lines: {@code p <patient id>}, {@code k <system> <value>} (a person's key), or {@code *} (everyone).
 */
public class FactChanges {

    public static final String CHANNEL = "onecity_person_facts";
    /** PostgreSQL's limit for a payload is 8,000 bytes; a message is cut into parts below it. */
    private static final int MAX_PAYLOAD = 7_000;

    private final JdbcTemplate jdbc;

    public FactChanges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void patients(Collection<String> patientIds) {
        patientIds.forEach(id -> tell("p\t" + id));
    }

    void person(PersonKey person) {
        tell("k\t" + person.system() + "\t" + person.value());
    }

    void everyone() {
        tell("*");
    }

    private void tell(String line) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            send(Set.of(line));
            return;
        }
        @SuppressWarnings("unchecked")
        Set<String> pending = (Set<String>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Set<String> lines = new LinkedHashSet<>();
            TransactionSynchronizationManager.bindResource(this, lines);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    send(lines);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(FactChanges.this);
                }
            });
            pending = lines;
        }
        pending.add(line);
    }

    private void send(Collection<String> lines) {
        if (lines.contains("*")) {
            notify("*");
            return;
        }
        StringBuilder message = new StringBuilder();
        for (String line : lines) {
            if (line.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD) {
                notify("*"); // a key longer than a message holds: too rare to be worth splitting
                return;
            }
            if (message.length() + line.length() + 1 > MAX_PAYLOAD) {
                notify(message.toString());
                message.setLength(0);
            }
            message.append(line).append('\n');
        }
        if (!message.isEmpty()) {
            notify(message.toString());
        }
    }

    private void notify(String message) {
        jdbc.query("select pg_notify(?, ?)", rs -> null, CHANNEL, message);
    }
}
