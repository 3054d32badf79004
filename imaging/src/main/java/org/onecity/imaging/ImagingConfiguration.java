package org.onecity.imaging;

import io.minio.MinioClient;
import org.onecity.imaging.index.StudyIndex;
import org.onecity.imaging.ingest.Ingest;
import org.onecity.imaging.ingest.Spool;
import org.onecity.imaging.source.DicomSources;
import org.onecity.imaging.store.InstanceObjects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The imaging service's parts that are plain Java, wired to their settings. */
@Configuration(proxyBeanMethods = false)
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

    @Bean
    Ingest ingest(InstanceObjects objects, StudyIndex index, DicomSources sources, ImagingSettings settings) {
        return new Ingest(objects, index, sources, settings);
    }
}
