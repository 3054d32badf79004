package org.onecity.fhir.attachments;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binary.interceptor.BinaryStorageInterceptor;
import io.minio.MinioClient;
import org.onecity.common.objectstore.Buckets;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Large attachments of Binary, DocumentReference and every other resource go to the object store. */
@Configuration
class AttachmentStorageConfiguration {

    @Bean
    IBinaryStorageSvc binaryStorageSvc(MinioClient client, AttachmentProperties properties) {
        Buckets.ensureExists(client, properties.bucket());
        ObjectStoreBinaryStorage storage = new ObjectStoreBinaryStorage(client, properties.bucket());
        storage.setMinimumBinarySize(Math.toIntExact(properties.inlineBelow().toBytes()));
        storage.setMaximumBinarySize(properties.maximumSize().toBytes());
        return storage;
    }

    /** HAPI's binary storage interceptor works at the storage layer, so it sees REST writes and internal ones. */
    @Bean
    InitializingBean binaryStorageInterceptorRegistration(IInterceptorService storageInterceptors,
            BinaryStorageInterceptor<?> binaryStorageInterceptor) {
        return () -> storageInterceptors.registerInterceptor(binaryStorageInterceptor);
    }
}
