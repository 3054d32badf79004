package org.onecity.imaging.index;

import org.onecity.imaging.dicom.InstanceAttributes;
import org.onecity.imaging.dicom.PixelDataExtent;
import org.onecity.imaging.source.DicomSources.PatientIdentity;

/**
 * What the index records of one stored instance.
 *
 * @param objectKey    where its bytes are in the object store
 * @param receivedFrom the AE title or client that sent it
 * @param metadata     its DICOM JSON, ready for /metadata
 * @param pixelData    where its pixel data lies in the object, or null when it has none
 * @param dataSetSha256 the SHA-256 of its data set without the File Meta Information, which duplicates are judged on
 * @param pixelObjectKey where the pixel data lies when not in the object itself (a deflated object's inflated copy),
 *                       else null
 */
public record IndexEntry(InstanceAttributes attributes, PatientIdentity patient, String sendingHospital,
                         String objectKey, long size, String sha256, String receivedFrom, String metadata,
                         PixelDataExtent pixelData, String dataSetSha256, String pixelObjectKey) {
}
