package org.onecity.fhir.attachments;

import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binary.api.StoredDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.BooleanType;
import org.junit.jupiter.api.Test;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.test.CityTokens;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.onecity.fhir.support.HospitalFeed;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

@CityRecordTest
class AttachmentsInObjectStorageTest {

    private static final String BUCKET = "fhir-attachments";

    @Autowired
    MinioClient objectStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IBinaryStorageSvc binaryStorage;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    CityRecordClient city;


    @Test
    void aLargeDocumentAttachmentLivesInTheObjectStoreAndReadsBackIdentical() throws Exception {
        byte[] pdf = randomBytes(150 * 1024, 1);
        DocumentReference stored = pushDocument(4001, pdf);

        String objectId = externalizedId(stored.getIdElement());
        StatObjectResponse object = objectStore.statObject(StatObjectArgs.builder().bucket(BUCKET).object(objectId).build());
        assertThat(object.size()).isEqualTo(pdf.length);
        assertThat(object.userMetadata().get("sha256")).isEqualTo(sha256(pdf));
        assertThat(storedText(stored.getIdElement())).as("the database holds only the reference")
                .doesNotContain(Base64.getEncoder().encodeToString(pdf).substring(0, 200))
                .contains(objectId);

        DocumentReference read = city.admin().read().resource(DocumentReference.class).withId(stored.getIdElement()).execute();
        assertThat(read.getContentFirstRep().getAttachment().getData()).isEqualTo(pdf);
        HttpResponse<byte[]> raw = readBinaryAccess(stored.getIdElement(), "DocumentReference.content.attachment");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(sha256(raw.body())).isEqualTo(sha256(pdf));
    }

    @Test
    void aSmallAttachmentStaysInline() {
        byte[] note = randomBytes(10 * 1024, 2);
        DocumentReference stored = pushDocument(4002, note);

        assertThat(storedText(stored.getIdElement())).contains(Base64.getEncoder().encodeToString(note).substring(0, 200));
        DocumentReference read = city.admin().read().resource(DocumentReference.class).withId(stored.getIdElement()).execute();
        assertThat(read.getContentFirstRep().getAttachment().getData()).isEqualTo(note);
    }

    @Test
    void aLargeBinaryLivesInTheObjectStoreAndReadsBackIdentical() {
        byte[] image = randomBytes(300 * 1024, 3);
        HttpResponse<String> created = city.send(city.request("/Binary", CityTokens.hospital("H001"))
                .header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(image)));
        assertThat(created.statusCode()).isEqualTo(201);
        IdType id = new IdType(created.headers().firstValue("Location").orElseThrow()).toUnqualifiedVersionless();

        assertThat(objectsInBucket()).contains(externalizedId(id));
        HttpResponse<byte[]> read = city.sendBytes(city.request("/" + id.getValue(), CityTokens.hospital("H001"))
                .header("Accept", "image/jpeg").GET());
        assertThat(read.body()).isEqualTo(image);
    }

    @Test
    void aDamagedObjectIsAnErrorNeverDifferentBytes() throws Exception {
        byte[] pdf = randomBytes(100 * 1024, 4);
        DocumentReference stored = pushDocument(4003, pdf);
        String objectId = externalizedId(stored.getIdElement());
        byte[] damaged = pdf.clone();
        damaged[5000] ^= 0x55;
        objectStore.putObject(PutObjectArgs.builder().bucket(BUCKET).object(objectId)
                .stream(new ByteArrayInputStream(damaged), damaged.length, -1)
                .userMetadata(java.util.Map.of("sha256", sha256(pdf))).build());

        HttpResponse<byte[]> read = readBinaryAccess(stored.getIdElement(), "DocumentReference.content.attachment");

        assertThat(read.statusCode()).isEqualTo(500);
        assertThat(read.body()).isNotEqualTo(damaged);
    }

    @Test
    void expungingTheResourceRemovesItsObject() {
        byte[] pdf = randomBytes(120 * 1024, 5);
        DocumentReference stored = pushDocument(4004, pdf);
        String objectId = externalizedId(stored.getIdElement());
        assertThat(objectsInBucket()).contains(objectId);

        city.hospital("H001").delete().resourceById(stored.getIdElement().toUnqualifiedVersionless()).execute();
        Parameters expunge = new Parameters();
        expunge.addParameter().setName("expungeDeletedResources").setValue(new BooleanType(true));
        expunge.addParameter().setName("expungePreviousVersions").setValue(new BooleanType(true));
        city.admin().operation().onInstance(stored.getIdElement().toUnqualifiedVersionless())
                .named("$expunge").withParameters(expunge).execute();

        assertThat(objectsInBucket()).doesNotContain(objectId);
    }

    @Test
    void anObjectWrittenForATransactionThatRollsBackIsRemoved() {
        byte[] orphan = randomBytes(80 * 1024, 6);
        String[] id = new String[1];

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            try {
                StoredDetails details = binaryStorage.storeBinaryContent(new IdType("DocumentReference/1"), null,
                        "application/pdf", new ByteArrayInputStream(orphan), new ServletRequestDetails());
                id[0] = details.getBinaryContentId();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            assertThat(objectsInBucket()).contains(id[0]);
            status.setRollbackOnly();
        });

        assertThat(objectsInBucket()).doesNotContain(id[0]);
    }

    private DocumentReference pushDocument(int person, byte[] content) {
        HospitalFeed feed = new HospitalFeed("H001");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        HospitalFeed.add(bundle, feed.hospital());
        String patient = HospitalFeed.add(bundle, feed.patient(person));
        DocumentReference document = new DocumentReference();
        document.setMasterIdentifier(new org.hl7.fhir.r4.model.Identifier()
                .setSystem(CityIdentifiers.hospitalNamespace("H001") + "document").setValue("SCAN-" + person));
        document.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.CURRENT);
        document.setSubject(new org.hl7.fhir.r4.model.Reference(patient));
        document.addContent().setAttachment(new Attachment().setContentType("application/pdf").setData(content));
        HospitalFeed.add(bundle, document);
        Bundle response = city.hospital("H001").transaction().withBundle(bundle).execute();
        IdType id = new IdType(response.getEntry().get(2).getResponse().getLocation()).toUnqualifiedVersionless();
        return city.admin().read().resource(DocumentReference.class).withId(id).execute();
    }

    /** The id HAPI put in place of the data, read from what the database stores. */
    private String externalizedId(IdType resource) {
        String text = storedText(resource);
        var matcher = java.util.regex.Pattern.compile("externalized-binary-id\",\"valueString\":\"([A-Za-z0-9_-]+)\"").matcher(text);
        assertThat(matcher.find()).as("stored as a reference: " + text.substring(0, Math.min(400, text.length()))).isTrue();
        return matcher.group(1);
    }

    private String storedText(IdType resource) {
        List<String> texts = jdbc.queryForList("""
                select coalesce(v.res_text_vc, convert_from(lo_get(v.res_text), 'UTF8'))
                from hfj_res_ver v join hfj_resource r on r.res_id = v.res_id
                where r.res_type = ? and r.res_id = ? order by v.res_ver desc limit 1""",
                String.class, resource.getResourceType(), resource.getIdPartAsLong());
        return texts.get(0);
    }

    private List<String> objectsInBucket() {
        return StreamSupport.stream(objectStore.listObjects(ListObjectsArgs.builder().bucket(BUCKET).build()).spliterator(), false)
                .map(r -> {
                    try {
                        return r.get().objectName();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    private HttpResponse<byte[]> readBinaryAccess(IdType id, String path) {
        return city.sendBytes(city.request("/" + id.toUnqualifiedVersionless().getValue()
                + "/$binary-access-read?path=" + path, CityTokens.admin()).GET());
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
