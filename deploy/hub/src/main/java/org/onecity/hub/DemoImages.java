package org.onecity.hub;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo city's images: a chest CT of Zhang Wei made at H002 (his record number there is MRN-1), three slices of a
 * round phantom. The UIDs are fixed, so loading the demo again stores nothing twice.
 */
final class DemoImages {

    static final String STUDY_UID = "2.25.86025012903446391011602104210290013";
    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final int SIZE = 128;

    private DemoImages() {
    }

    /** The study's instances as DICOM Part 10 objects. */
    static List<byte[]> zhangWeiChestCt() {
        return ct(STUDY_UID, "H002-CT-DEMO-1", "Zhang^Wei=张^伟", "MRN-1", "H002", 3);
    }

    /** A chest CT of some slices of the phantom, for a patient of a hospital (its Issuer of Patient ID). */
    static List<byte[]> ct(String studyUid, String accession, String patientName, String patientId, String issuer,
            int slices) {
        List<byte[]> instances = new ArrayList<>();
        for (int slice = 1; slice <= slices; slice++) {
            instances.add(slice(slice, studyUid, accession, patientName, patientId, issuer));
        }
        return instances;
    }

    private static byte[] slice(int number, String studyUid, String accession, String patientName, String patientId,
            String issuer) {
        String seriesUid = studyUid + ".1";
        try {
            AttributeList list = new AttributeList();
            put(list, TagFromName.SpecificCharacterSet, "CS", "ISO_IR 192");
            put(list, TagFromName.SOPClassUID, "UI", CT_IMAGE_STORAGE);
            put(list, TagFromName.SOPInstanceUID, "UI", seriesUid + "." + number);
            put(list, TagFromName.StudyDate, "DA", "20251020");
            put(list, TagFromName.StudyTime, "TM", "093000");
            put(list, TagFromName.AccessionNumber, "SH", accession);
            put(list, TagFromName.Modality, "CS", "CT");
            put(list, TagFromName.StudyDescription, "LO", "CT chest");
            put(list, TagFromName.SeriesDescription, "LO", "Chest 5 mm");
            put(list, TagFromName.PatientName, "PN", patientName);
            put(list, TagFromName.PatientID, "LO", patientId);
            put(list, TagFromName.IssuerOfPatientID, "LO", issuer);
            put(list, TagFromName.PatientBirthDate, "DA", "19510102");
            put(list, TagFromName.PatientSex, "CS", "M");
            put(list, TagFromName.StudyInstanceUID, "UI", studyUid);
            put(list, TagFromName.SeriesInstanceUID, "UI", seriesUid);
            put(list, TagFromName.SeriesNumber, "IS", "1");
            put(list, TagFromName.InstanceNumber, "IS", String.valueOf(number));
            put(list, TagFromName.SamplesPerPixel, "US", "1");
            put(list, TagFromName.PhotometricInterpretation, "CS", "MONOCHROME2");
            put(list, TagFromName.Rows, "US", String.valueOf(SIZE));
            put(list, TagFromName.Columns, "US", String.valueOf(SIZE));
            put(list, TagFromName.BitsAllocated, "US", "16");
            put(list, TagFromName.BitsStored, "US", "12");
            put(list, TagFromName.HighBit, "US", "11");
            put(list, TagFromName.PixelRepresentation, "US", "0");
            put(list, TagFromName.RescaleIntercept, "DS", "-1024");
            put(list, TagFromName.RescaleSlope, "DS", "1");
            put(list, TagFromName.WindowCenter, "DS", "40");
            put(list, TagFromName.WindowWidth, "DS", "400");
            OtherWordAttribute pixels = new OtherWordAttribute(TagFromName.PixelData);
            pixels.setValues(phantom(number));
            list.put(pixels);
            FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "ONECITY_DEMO");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            list.write(out, TransferSyntax.ExplicitVRLittleEndian, true, true);
            return out.toByteArray();
        } catch (DicomException | IOException e) {
            throw new IllegalStateException("Cannot make the demo CT", e);
        }
    }

    /** Air around a water disc with a denser core: stored values are Hounsfield units + 1024. */
    private static short[] phantom(int slice) {
        short[] pixels = new short[SIZE * SIZE];
        double centre = (SIZE - 1) / 2.0;
        for (int row = 0; row < SIZE; row++) {
            for (int column = 0; column < SIZE; column++) {
                double distance = Math.hypot(row - centre, column - centre);
                int hounsfield = distance < 12 + 4 * slice ? 300 : distance < 52 ? 0 : -1000;
                pixels[row * SIZE + column] = (short) (hounsfield + 1024);
            }
        }
        return pixels;
    }

    private static void put(AttributeList list, AttributeTag tag, String vr, String value) throws DicomException {
        Attribute attribute = AttributeFactory.newAttribute(tag, vr.getBytes(StandardCharsets.US_ASCII),
                new com.pixelmed.dicom.SpecificCharacterSet(new String[] {"ISO_IR 192"}));
        attribute.addValue(value);
        list.put(attribute);
    }
}
