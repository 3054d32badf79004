package org.onecity.common.objectstore;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the S3-compatible object store is (MinIO in production, S3Proxy when run locally).
 * Every service reaches it only through the MinIO Java SDK.
 */
@ConfigurationProperties("onecity.object-store")
public record ObjectStoreProperties(String endpoint, String accessKey, String secretKey, String region) {

    public ObjectStoreProperties {
        region = region == null || region.isBlank() ? "us-east-1" : region;
    }

    public boolean isConfigured() {
        return endpoint != null && !endpoint.isBlank();
    }
}
