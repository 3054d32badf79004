package org.onecity.batch;

import org.onecity.batch.operation.JobCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Billing's offline worker: settles the day's bills with the insurers, reconciles their statements, follows up
 * overdue pay-later bills and imports hospitals' history. {@code java -jar batch.jar} runs the service;
 * {@code java -jar batch.jar run <job> [name=value...]} runs one job and exits with its outcome.
 */
@SpringBootApplication
public class BatchApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("run")) {
            System.exit(JobCommand.run(args));
        }
        SpringApplication.run(BatchApplication.class, args);
    }
}
