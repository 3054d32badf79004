package org.onecity.imaging.ingest;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import org.onecity.imaging.dicom.Refused;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Explicit VR big endian (retired, PS3.5 A.3) arrives only by STOW-RS: DIMSE peers convert it when the association
 * offers only little endian, and the archive does the same for a Part 10 file, re-encoding the data set in explicit
 * VR little endian before it is checked and stored. The object is read whole, so only objects up to a bound are.
 */
final class BigEndianConversion {

    static final String EXPLICIT_BIG = TransferSyntax.ExplicitVRBigEndian;

    private final Spool spool;
    private final long maxBytes;

    BigEndianConversion(Spool spool, long maxBytes) {
        this.spool = spool;
        this.maxBytes = maxBytes;
    }

    /** The object in explicit VR little endian, in a new spool file the caller discards. */
    SpoolFile toLittleEndian(Path file) {
        long size = SpoolFile.sizeOf(file);
        if (size > maxBytes) {
            throw Refused.cannotUnderstand("Explicit VR big endian objects are converted up to " + maxBytes
                    + " bytes; this one has " + size + "; send it in a little endian transfer syntax");
        }
        AttributeList list = new AttributeList();
        SpoolFile converted = spool.write();
        try {
            list.read(file.toFile());
            String sourceAe = com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(list,
                    TagFromName.SourceApplicationEntityTitle);
            list.removeGroupLengthAttributes();
            list.removeMetaInformationHeaderAttributes();
            FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian,
                    sourceAe == null ? "ONECITY" : sourceAe);
            try (converted) {
                list.write(converted, TransferSyntax.ExplicitVRLittleEndian, true, true);
            }
            return converted;
        } catch (DicomException | IOException | RuntimeException e) {
            converted.discard();
            throw Refused.cannotUnderstand("Not a readable big endian DICOM object: " + e.getMessage());
        }
    }
}
