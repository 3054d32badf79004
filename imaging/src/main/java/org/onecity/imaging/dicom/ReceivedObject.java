package org.onecity.imaging.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * A DICOM Part 10 object received into a spool file, read up to its pixel data (never into it) and checked whole:
 * its UIDs present and well-formed, its SOP class a storage class, its transfer syntax one the service keeps, its
 * pixel data complete. The SHA-256 of its bytes, and of its data set alone, were taken as they were spooled. A
 * refusal names the instance when its header said which it is. {@code pixelFile} is where {@code pixelData} lies:
 * the object itself, or for a deflated one its inflated copy ({@link DeflatedDataSet}).
 */
public record ReceivedObject(Path file, String sha256, String dataSetSha256, AttributeList header,
                             InstanceAttributes attributes, PixelDataExtent pixelData, Path pixelFile) {

    /** The transfer syntaxes stored (PS3.5 10 and A.4): native, deflate, JPEG, JPEG-LS, JPEG 2000, RLE. */
    public static final Set<String> TRANSFER_SYNTAXES = Set.of(
            "1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.99",
            "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70",
            "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91",
            "1.2.840.10008.1.2.5");

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    public static ReceivedObject read(Path file, String sha256, String dataSetSha256) {
        AttributeList header = new AttributeList();
        try {
            return read(file, sha256, dataSetSha256, header);
        } catch (Refused refused) {
            throw refused.about(value(header, TagFromName.SOPClassUID), value(header, TagFromName.SOPInstanceUID));
        }
    }

    private static ReceivedObject read(Path file, String sha256, String dataSetSha256, AttributeList header) {
        long stoppedAt;
        try {
            stoppedAt = header.read(file.toFile(), TagFromName.PixelData);
        } catch (DicomException | IOException | RuntimeException e) {
            throw Refused.cannotUnderstand("Not a readable DICOM object: " + e.getMessage());
        }
        String transferSyntax = value(header, TagFromName.TransferSyntaxUID);
        if (transferSyntax == null) {
            throw Refused.cannotUnderstand("Not a DICOM Part 10 object: no File Meta Information with a Transfer Syntax UID");
        }
        if (!TRANSFER_SYNTAXES.contains(transferSyntax)) {
            throw Refused.cannotUnderstand("Transfer syntax not kept by the city store: " + transferSyntax);
        }
        InstanceAttributes attributes = attributes(header, transferSyntax);
        requireUid("SOP Class UID (0008,0016)", attributes.sopClassUid());
        requireUid("SOP Instance UID (0008,0018)", attributes.sopInstanceUid());
        requireUid("Study Instance UID (0020,000D)", attributes.studyUid());
        requireUid("Series Instance UID (0020,000E)", attributes.seriesUid());
        if (!SOPClass.isStorage(attributes.sopClassUid())) {
            throw new Refused(DicomStatus.SOP_CLASS_NOT_SUPPORTED,
                    "Not a storage SOP class: " + attributes.sopClassUid());
        }
        PixelDataExtent pixelData = null;
        boolean hasPixelData = stoppedAt < size(file) && !new TransferSyntax(transferSyntax).isDeflated();
        if (hasPixelData) {
            try {
                pixelData = PixelDataExtent.walk(file, stoppedAt - 4, new TransferSyntax(transferSyntax).isExplicitVR());
            } catch (IOException e) {
                throw Refused.cannotUnderstand("Truncated object: " + e.getMessage());
            }
        }
        return new ReceivedObject(file, sha256, dataSetSha256, header, attributes, pixelData, file);
    }

    /** The same object with its pixel data found in its inflated copy (Explicit VR Little Endian). */
    public ReceivedObject withPixelsIn(Path inflated) {
        AttributeList inflatedHeader = new AttributeList();
        long stoppedAt;
        try {
            stoppedAt = inflatedHeader.read(inflated.toFile(), TagFromName.PixelData);
        } catch (DicomException | IOException | RuntimeException e) {
            throw Refused.cannotUnderstand("Not a readable deflated data set: " + e.getMessage())
                    .about(attributes.sopClassUid(), attributes.sopInstanceUid());
        }
        if (stoppedAt >= size(inflated)) {
            return new ReceivedObject(file, sha256, dataSetSha256, header, attributes, null, file);
        }
        try {
            return new ReceivedObject(file, sha256, dataSetSha256, header, attributes,
                    PixelDataExtent.walk(inflated, stoppedAt - 4, true), inflated);
        } catch (IOException e) {
            throw Refused.cannotUnderstand("Truncated object: " + e.getMessage())
                    .about(attributes.sopClassUid(), attributes.sopInstanceUid());
        }
    }

    private static void requireUid(String name, String uid) {
        if (uid == null) {
            throw new Refused(DicomStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, name + " is missing");
        }
        if (!Uids.isValid(uid)) {
            throw new Refused(DicomStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, name + " is not a valid UID: " + uid);
        }
    }

    static InstanceAttributes attributes(AttributeList l, String transferSyntax) {
        return new InstanceAttributes(
                value(l, TagFromName.PatientID), value(l, TagFromName.IssuerOfPatientID),
                value(l, TagFromName.PatientName), value(l, TagFromName.PatientBirthDate), value(l, TagFromName.PatientSex),
                all(l, TagFromName.OtherPatientIDs),
                value(l, TagFromName.StudyInstanceUID), date(value(l, TagFromName.StudyDate)),
                value(l, TagFromName.StudyTime), value(l, TagFromName.AccessionNumber), value(l, TagFromName.StudyID),
                value(l, TagFromName.StudyDescription), value(l, TagFromName.ReferringPhysicianName),
                value(l, TagFromName.SeriesInstanceUID), value(l, TagFromName.Modality),
                integer(l, TagFromName.SeriesNumber), value(l, TagFromName.SeriesDescription),
                value(l, TagFromName.BodyPartExamined),
                value(l, TagFromName.SOPClassUID), value(l, TagFromName.SOPInstanceUID),
                integer(l, TagFromName.InstanceNumber), transferSyntax,
                integer(l, TagFromName.Rows), integer(l, TagFromName.Columns),
                integer(l, TagFromName.NumberOfFrames));
    }

    static String value(AttributeList list, AttributeTag tag) {
        String value = Attribute.getSingleStringValueOrNull(list, tag);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String all(AttributeList list, AttributeTag tag) {
        String value = Attribute.getDelimitedStringValuesOrNull(list, tag);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Integer integer(AttributeList list, AttributeTag tag) {
        String value = value(list, tag);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A Study Date that is not a valid DA is kept in the object but not indexed as a date. */
    private static LocalDate date(String value) {
        try {
            return value == null ? null : LocalDate.parse(value, DA);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
