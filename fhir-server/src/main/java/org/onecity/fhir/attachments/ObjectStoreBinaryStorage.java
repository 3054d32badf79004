package org.onecity.fhir.attachments;

import ca.uhn.fhir.jpa.binary.api.StoredDetails;
import ca.uhn.fhir.jpa.binary.svc.BaseBinaryStorageSvcImpl;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.google.common.hash.HashingInputStream;
import org.apache.commons.io.input.CountingInputStream;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import jakarta.annotation.Nonnull;
import org.hl7.fhir.instance.model.api.IIdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;

/**
 * HAPI's binary storage extension point backed by the object store through the MinIO SDK.
 * <p>
 * Each attachment is one object named by HAPI's binary content id, with its SHA-256 in the object's metadata;
 * the database keeps only the id and the hash. Reads are checked against the hash, so a corrupted object is
 * an error, never silently different bytes. An object written for a transaction that then rolls back is removed.
 */
public class ObjectStoreBinaryStorage extends BaseBinaryStorageSvcImpl {

    static final String SHA256 = "sha256";
    private static final Logger log = LoggerFactory.getLogger(ObjectStoreBinaryStorage.class);

    private final MinioClient client;
    private final String bucket;

    public ObjectStoreBinaryStorage(MinioClient client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    /** Ids are object keys: keep them to characters every S3 implementation treats literally. */
    @Override
    public boolean isValidBinaryContentId(String id) {
        return id != null && id.matches("[A-Za-z0-9_-]{1,200}");
    }

    @Nonnull
    @Override
    public StoredDetails storeBinaryContent(IIdType resourceId, String idOrNull, String contentType,
            InputStream content, RequestDetails request) throws IOException {
        String id = provideIdForNewBinaryContent(idOrNull, null, request, contentType);
        // spool to disk while counting and hashing, so the object carries its hash and no attachment sits in the heap
        Path spool = Files.createTempFile("onecity-attachment-", ".bin");
        try {
            CountingInputStream counting = createCountingInputStream(content);
            HashingInputStream hashing = createHashingInputStream(counting);
            Files.copy(hashing, spool, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            long size = counting.getByteCount();
            String hash = hashing.hash().toString();
            try (InputStream upload = Files.newInputStream(spool)) {
                client.putObject(PutObjectArgs.builder().bucket(bucket).object(id)
                        .stream(upload, size, -1)
                        .contentType(contentType == null ? "application/octet-stream" : contentType)
                        .userMetadata(Map.of(SHA256, hash))
                        .build());
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("Object store refused attachment " + id + ": " + e.getMessage(), e);
            }
            removeIfTransactionRollsBack(id);
            log.debug("Stored attachment {} ({} bytes) for {}", id, size, resourceId);
            return new StoredDetails().setBinaryContentId(id).setBytes(size).setContentType(contentType)
                    .setHash(hash).setPublished(new Date());
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    @Override
    public StoredDetails fetchBinaryContentDetails(IIdType resourceId, String id) throws IOException {
        StatObjectResponse stat = stat(id);
        if (stat == null) {
            return null;
        }
        StoredDetails details = new StoredDetails();
        details.setBinaryContentId(id);
        details.setBytes(stat.size());
        details.setContentType(stat.contentType());
        details.setHash(stat.userMetadata().get(SHA256));
        details.setPublished(Date.from(stat.lastModified().toInstant()));
        return details;
    }

    @Override
    public boolean writeBinaryContent(IIdType resourceId, String id, OutputStream out) throws IOException {
        String expected = expectedHash(resourceId, id);
        try (InputStream in = open(resourceId, id)) {
            DigestInputStream digesting = new DigestInputStream(in, sha256());
            digesting.transferTo(out);
            verify(id, expected, digesting.getMessageDigest().digest());
        }
        return true;
    }

    @Override
    public byte[] fetchBinaryContent(IIdType resourceId, String id) throws IOException {
        String expected = expectedHash(resourceId, id);
        byte[] bytes;
        try (InputStream in = open(resourceId, id)) {
            bytes = in.readAllBytes();
        }
        verify(id, expected, sha256().digest(bytes));
        return bytes;
    }

    @Override
    public void expungeBinaryContent(IIdType resourceId, String id) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(id).build());
            log.info("Removed attachment {} of expunged {}", id, resourceId);
        } catch (Exception e) {
            throw new InternalErrorException("Could not remove attachment " + id + " from the object store", e);
        }
    }

    private void removeIfTransactionRollsBack(String id) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    try {
                        client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(id).build());
                    } catch (Exception e) {
                        log.warn("Attachment {} of a rolled back transaction could not be removed", id, e);
                    }
                }
            }
        });
    }

    private String expectedHash(IIdType resourceId, String id) throws IOException {
        StoredDetails details = fetchBinaryContentDetails(resourceId, id);
        if (details == null) {
            throw new ResourceNotFoundException("Unknown attachment " + id + " of " + resourceId);
        }
        return details.getHash();
    }

    private InputStream open(IIdType resourceId, String id) throws IOException {
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(id).build());
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                throw new ResourceNotFoundException("Unknown attachment " + id + " of " + resourceId);
            }
            throw new IOException("Object store error reading attachment " + id, e);
        } catch (Exception e) {
            throw new IOException("Object store error reading attachment " + id, e);
        }
    }

    private StatObjectResponse stat(String id) throws IOException {
        try {
            return client.statObject(StatObjectArgs.builder().bucket(bucket).object(id).build());
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return null;
            }
            throw new IOException("Object store error on attachment " + id, e);
        } catch (Exception e) {
            throw new IOException("Object store error on attachment " + id, e);
        }
    }

    private static void verify(String id, String expected, byte[] actualDigest) {
        String actual = HexFormat.of().formatHex(actualDigest);
        if (expected != null && !expected.equalsIgnoreCase(actual)) {
            throw new InternalErrorException("Attachment " + id + " failed its checksum: stored SHA-256 " + expected
                    + ", read " + actual + ". The object store copy is damaged.");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
