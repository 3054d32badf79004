package org.onecity.common.test;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestInfrastructureTest {

    @Test
    void givesARealPostgresDatabasePerService() throws Exception {
        var database = TestInfrastructure.database();
        String url = database.url("probe_service");
        try (var connection = DriverManager.getConnection(url, database.user(), database.password());
             var rows = connection.createStatement().executeQuery("select current_database(), version()")) {
            rows.next();
            assertThat(rows.getString(2)).startsWith("PostgreSQL");
            if (!database.external()) {
                assertThat(rows.getString(1)).isEqualTo("probe_service");
            }
        }
    }

    @Test
    void givesARealS3ServerWithV4Signatures() throws Exception {
        var store = TestInfrastructure.objectStore();
        MinioClient client = MinioClient.builder().endpoint(store.endpoint())
                .credentials(store.accessKey(), store.secretKey()).build();
        client.makeBucket(MakeBucketArgs.builder().bucket("probe").build());
        byte[] bytes = "hello city".getBytes(StandardCharsets.UTF_8);
        client.putObject(PutObjectArgs.builder().bucket("probe").object("a/b.txt")
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
        try (var in = client.getObject(GetObjectArgs.builder().bucket("probe").object("a/b.txt").build())) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        MinioClient wrongKey = MinioClient.builder().endpoint(store.endpoint())
                .credentials(store.accessKey(), "not-the-secret").build();
        assertThatThrownBy(() -> wrongKey.bucketExists(BucketExistsArgs.builder().bucket("probe").build()))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.errorResponse().code()).isEqualTo("SignatureDoesNotMatch"));
    }
}
