package org.onecity.billing.support;

import org.onecity.common.test.TestInfrastructureInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole billing service on a random port, on the test JVM's real PostgreSQL and the city's embedded issuer.
 * Every test class with this annotation shares one Spring context; tests autowire a {@link BillingClient}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@Import(BillingClient.class)
public @interface BillingTest {
}
