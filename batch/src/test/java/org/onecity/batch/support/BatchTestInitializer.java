package org.onecity.batch.support;

import org.onecity.common.test.TestInfrastructureInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/** Starts billing (whose tables the batch settles) before the batch's context, on the same database. */
public class BatchTestInitializer extends TestInfrastructureInitializer {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String billing = BillingProcess.url();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("onecity-batch-test",
                Map.of("onecity.test.database", BillingProcess.DATABASE, "onecity.test.billing-url", billing)));
        super.initialize(context);
    }
}
