package org.onecity.common.objectstore;

import io.minio.MinioClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

@AutoConfiguration
@ConditionalOnClass(MinioClient.class)
@EnableConfigurationProperties(ObjectStoreProperties.class)
public class ObjectStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MinioClient minioClient(ObjectStoreProperties properties) {
        if (!properties.isConfigured()) {
            throw new IllegalStateException("""
                    No object store configured. Set onecity.object-store.endpoint, access-key and secret-key \
                    (ONECITY_OBJECT_STORE_ENDPOINT, ..._ACCESS_KEY, ..._SECRET_KEY), or start the hub with \
                    './onecity run', which provides an embedded one.""");
        }
        return MinioClient.builder()
                .endpoint(properties.endpoint())
                .credentials(properties.accessKey(), properties.secretKey())
                .region(properties.region())
                .build();
    }
}
