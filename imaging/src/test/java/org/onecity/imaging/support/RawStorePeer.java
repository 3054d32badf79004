package org.onecity.imaging.support;

import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.StorageSOPClassSCU;

import java.io.ByteArrayInputStream;
import java.util.LinkedList;

/**
 * A PACS that sends data sets by C-STORE byte for byte, as they are, on one association: what a broken modality
 * sends, which dcmtk's storescu and PixelMed's file-based sender would refuse to read themselves.
 */
public final class RawStorePeer extends StorageSOPClassSCU implements AutoCloseable {

    private final Association association;
    private final byte context;

    /** Opens an association proposing {@code sopClass} in explicit VR little endian. */
    public RawStorePeer(String callingAe, String calledAe, int port, String sopClass) throws Exception {
        LinkedList<PresentationContext> contexts = new LinkedList<>();
        contexts.add(new PresentationContext((byte) 1, sopClass, TransferSyntax.ExplicitVRLittleEndian));
        association = AssociationFactory.createNewAssociation("127.0.0.1", port, calledAe, callingAe, 16384, 65536,
                65536, contexts, null, false, null, null);
        context = association.getSuitablePresentationContextID(sopClass, TransferSyntax.ExplicitVRLittleEndian);
    }

    /** Sends the data set's bytes (no File Meta Information) under the given instance; true when stored. */
    public boolean store(String sopClass, String sopInstance, byte[] dataSet) throws Exception {
        DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(dataSet),
                TransferSyntax.ExplicitVRLittleEndian, false);
        return sendOneSOPInstance(association, sopClass, sopInstance, TransferSyntax.ExplicitVRLittleEndian, in,
                context, TransferSyntax.ExplicitVRLittleEndian);
    }

    @Override
    public void close() throws Exception {
        association.release();
    }
}
