package org.onecity.imaging;

import io.minio.MinioClient;
import org.onecity.imaging.access.CityRecordGate;
import org.onecity.imaging.codec.Transcoder;
import org.onecity.imaging.dicom.DataSetBounds;
import org.onecity.imaging.dicom.HeaderMemory;
import org.onecity.imaging.index.StudyIndex;
import org.onecity.imaging.ingest.Ingest;
import org.onecity.imaging.ingest.Reception;
import org.onecity.imaging.ingest.Spool;
import org.onecity.imaging.source.DicomSources;
import org.onecity.imaging.store.InstanceObjects;
import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.onecity.imaging.mirror.CityRecord;
import org.onecity.imaging.mirror.MirrorOutbox;
import org.onecity.imaging.mirror.StudyMirror;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The imaging service's parts that are plain Java, wired to their settings. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ImagingConfiguration {

    @Bean
    InstanceObjects instanceObjects(MinioClient client, ImagingSettings settings) {
        return new InstanceObjects(client, settings.bucket());
    }

    @Bean
    Spool spool(ImagingSettings settings) {
        return new Spool(settings.spool());
    }

    @Bean
    DicomSources dicomSources(ImagingSettings settings) {
        return new DicomSources(settings.hospitals());
    }

    /** The mirror runs only where a city record is configured; otherwise changes wait in the outbox. */
    @Bean
    @ConditionalOnProperty("onecity.imaging.mirror.fhir-server")
    StudyMirror studyMirror(MirrorOutbox outbox, ImagingSettings settings, MeterRegistry meters,
                            @Value("${onecity.security.issuer-uri:}") String issuer) {
        return new StudyMirror(outbox, new CityRecord(FhirContext.forR4Cached(), settings.mirror(), issuer), settings,
                meters);
    }

    /** Doctors' and patients' reads are decided by the city record, where it is configured. */
    @Bean
    @ConditionalOnProperty("onecity.imaging.mirror.fhir-server")
    CityRecordGate cityRecordGate(ImagingSettings settings) {
        return new CityRecordGate(FhirContext.forR4Cached(), settings.mirror().fhirServer());
    }

    /** Decoding in the spool folder: temporary files there are the service's own and removed at start-up. */
    @Bean
    Transcoder transcoder(ImagingSettings settings) {
        return new Transcoder(settings.codec().gdcmconv(), settings.codec().timeout(), settings.codec().maxOutput().toBytes(),
                settings.spool());
    }

    @Bean
    Reception reception(ImagingSettings settings, Spool spool) {
        return new Reception(new DataSetBounds(settings.memory().maxValue().toBytes()),
                new HeaderMemory(settings.memory().headersInFlight().toBytes(), settings.memory().waitAtMost()), spool);
    }

    @Bean
    Ingest ingest(InstanceObjects objects, StudyIndex index, DicomSources sources, ImagingSettings settings) {
        return new Ingest(objects, index, sources, settings);
    }
}
