package org.onecity.fhir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The city record: a HAPI FHIR JPA server (R4) on PostgreSQL, attachments in object storage. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FhirServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(FhirServerApplication.class, args);
    }
}
