package org.onecity.imaging.support;

import org.onecity.common.test.TestInfrastructureInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole imaging service on random ports (HTTP and DIMSE), on the test JVM's real PostgreSQL, its S3 server and
 * the city's embedded issuer. Every test class with this annotation shares one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "onecity.imaging.dimse.port=0",
        "onecity.imaging.spool=target/imaging-spool",
        "onecity.imaging.bucket=imaging-test",
        "ONECITY_IMAGING_SOURCES=classpath:imaging-test-sources.yaml"})
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@Import(DicomWebClient.class)
public @interface ImagingTest {
}
