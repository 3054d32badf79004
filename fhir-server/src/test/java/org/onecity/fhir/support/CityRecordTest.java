package org.onecity.fhir.support;

import org.onecity.common.test.TestInfrastructureInitializer;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole fhir-server on a random port, on the test JVM's real PostgreSQL and S3 server.
 * Every test class with this annotation shares one Spring context; metrics are exported as in production.
 * Tests autowire a {@link CityRecordClient} of the running server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@AutoConfigureObservability(tracing = false)
@Import(CityRecordClientConfiguration.class)
public @interface CityRecordTest {
}
