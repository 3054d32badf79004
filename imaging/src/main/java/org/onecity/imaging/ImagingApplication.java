package org.onecity.imaging;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The imaging service: receives DICOM from the hospitals' PACS (DIMSE) and from viewers and gateways (DICOMweb),
 * keeps every instance in the object store with its attributes indexed in PostgreSQL, and serves them back.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ImagingApplication {

    public static void main(String[] args) {
        SpringApplication.run(ImagingApplication.class, args);
    }
}
