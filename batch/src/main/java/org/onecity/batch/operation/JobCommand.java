package org.onecity.batch.operation;

import org.onecity.batch.BatchApplication;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line: {@code java -jar batch.jar run <job> [name=value...]} runs one job to its end in this process,
 * logging its progress, and exits 0 when it completed, 1 when it did not, 2 when the command is wrong.
 */
public final class JobCommand {

    private JobCommand() {
    }

    public static int run(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: run <job> [name=value...]");
            return 2;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            if (equals <= 0) {
                System.err.println("A job parameter is name=value, not " + args[i]);
                return 2;
            }
            parameters.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BatchApplication.class)
                .web(WebApplicationType.NONE)
                .properties("onecity.batch.scheduling=false", "onecity.batch.recover-stale-executions=false")
                .run()) {
            JobExecution execution = context.getBean(Jobs.class).run(args[1], parameters);
            System.out.println(args[1] + " #" + execution.getId() + " " + execution.getStatus() + " ("
                    + execution.getExitStatus().getExitCode() + "): "
                    + context.getBean(Progress.class).of(execution));
            return execution.getStatus() == BatchStatus.COMPLETED ? 0 : 1;
        } catch (Jobs.JobRefused refused) {
            System.err.println(refused.getMessage());
            return 1;
        }
    }
}
