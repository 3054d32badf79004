package org.onecity.common.test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the JVM's shared PostgreSQL and S3 server.
 * The database is named by {@code onecity.test.database}, else by {@code spring.application.name}.
 */
public class TestInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var environment = context.getEnvironment();
        String database = environment.getProperty("onecity.test.database",
                environment.getProperty("spring.application.name", "onecity")).replace('-', '_');
        environment.getPropertySources().addFirst(
                new MapPropertySource("onecity-test-infrastructure", TestInfrastructure.springProperties(database)));
        // registered before the context's own beans, so destroyed after them: the servers outlive the context
        TestInfrastructure.contextOpened();
        if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean("onecityTestInfrastructureRelease",
                    (DisposableBean) TestInfrastructure::contextClosed);
        } else {
            context.addApplicationListener((ContextClosedEvent closed) -> TestInfrastructure.contextClosed());
        }
    }
}
