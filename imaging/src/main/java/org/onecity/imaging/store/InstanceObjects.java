package org.onecity.imaging.store;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.UploadObjectArgs;
import io.minio.messages.Item;
import org.onecity.common.objectstore.Buckets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The instances' bytes in the object store, one object per stored version of an instance. Uploads stream from the
 * spool file in parts, so no object is ever whole in memory.
 */
public class InstanceObjects {

    /**
     * Parts of 16 MiB: most instances (a CR of 10 MB too) go in one request; a 500 MB object in 30. The parts are read
     * from the spool file, not held in this service's memory; an S3 server may hold a part while it checks its hash.
     */
    private static final long PART_SIZE = 16L * 1024 * 1024;

    private final MinioClient client;
    private final String bucket;

    public InstanceObjects(MinioClient client, String bucket) {
        this.client = client;
        this.bucket = bucket;
        Buckets.ensureExists(client, bucket);
    }

    /**
     * Stores the file under the key; returns once the object store has acknowledged the whole object. The SDK reads
     * each part from the file itself (to sign it, then to send it) rather than copying it into memory first.
     */
    public void put(String key, Path file) {
        try {
            client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key)
                    .filename(file.toString(), PART_SIZE).contentType("application/dicom").build());
        } catch (Exception e) {
            throw new ObjectStoreFailure("Cannot store " + key + ": " + e.getMessage(), e);
        }
    }

    public InputStream open(String key) {
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw new ObjectStoreFailure("Cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    public InputStream open(String key, long offset, long length) {
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).offset(offset).length(length).build());
        } catch (Exception e) {
            throw new ObjectStoreFailure("Cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    public void remove(String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw new ObjectStoreFailure("Cannot remove " + key + ": " + e.getMessage(), e);
        }
    }

    /** An object of the store with when it was last written. */
    public record StoredObject(String key, Instant lastModified) {
    }

    /** Every object under the prefix, for the sweep of objects whose index row was never committed. */
    public List<StoredObject> list(String prefix) {
        List<StoredObject> objects = new ArrayList<>();
        try {
            for (Result<Item> result : client.listObjects(
                    ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                Item item = result.get();
                // folder markers some stores list (S3Proxy's filesystem backend) are not objects
                if (!item.isDir() && item.lastModified() != null && !item.objectName().endsWith("/")) {
                    objects.add(new StoredObject(item.objectName(), item.lastModified().toInstant()));
                }
            }
        } catch (Exception e) {
            throw new ObjectStoreFailure("Cannot list " + prefix + ": " + e.getMessage(), e);
        }
        return objects;
    }

    /** The object store did not answer or refused: the instance is not stored, the sender may try again. */
    public static class ObjectStoreFailure extends RuntimeException {
        public ObjectStoreFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
