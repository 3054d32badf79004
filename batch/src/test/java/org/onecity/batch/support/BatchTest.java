package org.onecity.batch.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The batch service on a random port, with the real billing service beside it on the same PostgreSQL; every test
 * class with this annotation shares one Spring context. Nothing runs on a schedule in the tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "onecity.batch.scheduling=false", "onecity.batch.files=target/batch-files"})
@ContextConfiguration(initializers = BatchTestInitializer.class)
@Import({CityClient.class, CityBills.class})
public @interface BatchTest {
}
