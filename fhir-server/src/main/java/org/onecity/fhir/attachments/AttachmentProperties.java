package org.onecity.fhir.attachments;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param bucket      the object store bucket of the city record's attachments
 * @param inlineBelow attachments smaller than this stay inside the resource in PostgreSQL
 * @param maximumSize the largest attachment accepted
 */
@ConfigurationProperties("onecity.fhir.attachments")
public record AttachmentProperties(String bucket, DataSize inlineBelow, DataSize maximumSize) {

    public AttachmentProperties {
        bucket = bucket == null || bucket.isBlank() ? "fhir-attachments" : bucket;
        inlineBelow = inlineBelow == null ? DataSize.ofKilobytes(64) : inlineBelow;
        maximumSize = maximumSize == null ? DataSize.ofMegabytes(512) : maximumSize;
    }
}
