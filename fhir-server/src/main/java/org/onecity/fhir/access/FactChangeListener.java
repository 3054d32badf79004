package org.onecity.fhir.access;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Listens on its own PostgreSQL connection for {@link FactChanges} and forgets what they name. When the connection is
 * lost, whatever was told meanwhile is unknown, so everything remembered is forgotten once it is back.
 */
public class FactChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FactChangeListener.class);

    private final PersonFacts facts;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    public FactChangeListener(PersonFacts facts, String url, String user, String password) {
        this.facts = facts;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::listen, "person-facts-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether the node is listening now (for its health and for tests). */
    public boolean isListening() {
        return listening;
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("listen " + FactChanges.CHANNEL);
                facts.forgetEveryone();
                listening = true;
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(1_000);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            apply(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Not listening for changed person facts ({}); trying again in a second", e.getMessage());
                }
            } finally {
                listening = false;
            }
            pause();
        }
    }

    void apply(String message) {
        List<String> patients = new ArrayList<>();
        for (String line : message.split("\n")) {
            String[] parts = line.split("\t");
            switch (parts[0]) {
                case "p" -> patients.add(parts[1]);
                case "k" -> facts.forget(new PersonKey(parts[1], parts[2]));
                case "*" -> facts.forgetEveryone();
                default -> log.warn("An unknown person-facts message: {}", line);
            }
        }
        facts.forgetPatients(patients);
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
