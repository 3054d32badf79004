package org.onecity.common.objectstore;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;

/** Creates a service's bucket on start-up so a fresh object store needs no manual step. */
public final class Buckets {

    private Buckets() {
    }

    public static void ensureExists(MinioClient client, String bucket) {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (ErrorResponseException e) {
            // another instance created it between our check and our create
            if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                throw new IllegalStateException("Cannot create bucket " + bucket + ": " + e.getMessage(), e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Object store unreachable while creating bucket " + bucket + ": " + e.getMessage(), e);
        }
    }
}
