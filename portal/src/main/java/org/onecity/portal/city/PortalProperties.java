package org.onecity.portal.city;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the city's services are, and the portal's client at the issuer.
 *
 * @param viewerUrl a standard DICOMweb viewer's address for one study, with {@code {study}} in it (e.g. OHIF's
 *                  {@code https://viewer.example/viewer?StudyInstanceUIDs={study}}); no link when blank
 */
@ConfigurationProperties("onecity.portal")
public record PortalProperties(String issuerUri, String clientId, String clientSecret, String fhirUrl,
                               String imagingUrl, String billingUrl, String batchUrl, String viewerUrl) {

    /** The CDS Hooks services sit beside the FHIR base, at the server's root. */
    public String cdsServicesUrl() {
        return fhirUrl.replaceFirst("/fhir/?$", "") + "/cds-services";
    }

    /** The imaging service's root, where its endpoints other than DICOMweb are. */
    public String imagingServiceUrl() {
        return imagingUrl.replaceFirst("/dicomweb/?$", "");
    }
}
