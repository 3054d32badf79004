package org.onecity.common.embedded;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * An S3 protocol server (S3Proxy) over a directory, with AWS V4 signatures, for the local hub and for tests.
 * Clients talk real S3 to it through the MinIO SDK, exactly as they would to MinIO.
 */
public final class LocalObjectStore implements AutoCloseable {

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final String accessKey;
    private final String secretKey;

    private LocalObjectStore(S3Proxy proxy, BlobStoreContext context, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.context = context;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** @param port 0 for any free port */
    public static LocalObjectStore start(Path directory, int port, String accessKey, String secretKey) {
        try {
            Files.createDirectories(directory);
            Properties properties = new Properties();
            properties.setProperty(FilesystemConstants.PROPERTY_BASEDIR, directory.toAbsolutePath().toString());
            BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
                    .credentials(accessKey, secretKey)
                    .overrides(properties)
                    .build(BlobStoreContext.class);
            BlobStore blobStore = context.getBlobStore();
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(blobStore)
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                    .build();
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                Thread.sleep(10);
            }
            return new LocalObjectStore(proxy, context, accessKey, secretKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded object store did not start in " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the embedded object store", e);
        } catch (Exception e) {
            throw new IllegalStateException("Embedded object store did not start: " + e.getMessage(), e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Embedded object store did not stop cleanly", e);
        } finally {
            context.close();
        }
    }
}
