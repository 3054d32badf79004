package org.onecity.imaging.dimse;

import com.pixelmed.network.Association;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PDataPDU;
import com.pixelmed.network.PresentationDataValue;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.network.CompositeResponseHandler;
import org.onecity.imaging.ingest.Spool;
import org.onecity.imaging.ingest.SpoolFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Receives one DIMSE message: its command set, then its data set if it has one. A C-STORE's data set is written to
 * a spool file behind a File Meta Information header as its fragments arrive; a query's identifier is kept in memory
 * (it is small, and refused when it is not).
 */
final class MessageReader extends CompositeResponseHandler {
    // CompositeResponseHandler only because ReceivedDataHandler's constructor is not public; its handling is replaced


    private static final int MAX_IDENTIFIER = 1024 * 1024;
    private static final int MAX_COMMAND = 64 * 1024;

    private final Spool spool;
    private final String callingAeTitle;
    private final ByteArrayOutputStream commandBytes = new ByteArrayOutputStream();
    private Command command;
    private byte presentationContext;
    private String transferSyntax;
    private OutputStream data;
    private SpoolFile file;
    private ByteArrayOutputStream identifier;

    MessageReader(Spool spool, String callingAeTitle) {
        this.spool = spool;
        this.callingAeTitle = callingAeTitle;
    }

    @Override
    public void sendPDataIndication(PDataPDU pdu, Association association) throws DicomNetworkException, IOException {
        for (Object value : pdu.getPDVList()) {
            PresentationDataValue pdv = (PresentationDataValue) value;
            if (pdv.isCommand()) {
                commandBytes.writeBytes(pdv.getValue());
                if (commandBytes.size() > MAX_COMMAND) {
                    throw new DicomNetworkException("A command set larger than " + MAX_COMMAND + " bytes");
                }
                presentationContext = pdv.getPresentationContextID();
                if (pdv.isLastFragment()) {
                    command = Command.decode(commandBytes.toByteArray());
                    transferSyntax = association.getTransferSyntaxForPresentationContextID(presentationContext);
                    if (!command.hasDataSet()) {
                        setDone(true);
                    }
                }
            } else {
                if (command == null) {
                    throw new DicomNetworkException("A data set arrived before its command");
                }
                if (data == null) {
                    openData();
                }
                data.write(pdv.getValue());
                if (identifier != null && identifier.size() > MAX_IDENTIFIER) {
                    throw new DicomNetworkException("A query identifier larger than " + MAX_IDENTIFIER + " bytes");
                }
                if (pdv.isLastFragment()) {
                    data.close();
                    setDone(true);
                }
            }
        }
    }

    private void openData() throws IOException {
        if (command.commandField() == Command.C_STORE_RQ) {
            file = spool.write();
            data = file;
            FileMeta.write(data, command.string(Command.AFFECTED_SOP_CLASS_UID),
                    command.string(Command.AFFECTED_SOP_INSTANCE_UID), transferSyntax, callingAeTitle);
        } else {
            identifier = new ByteArrayOutputStream();
            data = identifier;
        }
    }

    @Override
    protected void evaluateStatusAndSetSuccess(AttributeList list) {
        // not a response: nothing to evaluate
    }

    Command command() {
        return command;
    }

    byte presentationContext() {
        return presentationContext;
    }

    String transferSyntax() {
        return transferSyntax;
    }

    /** The received C-STORE data set as a Part 10 spool file, with its SHA-256. */
    SpoolFile file() {
        return file;
    }

    byte[] identifier() {
        return identifier == null ? new byte[0] : identifier.toByteArray();
    }

    /** Drops what a broken association left half-received. */
    void discard() {
        if (file != null) {
            file.discard();
        }
    }
}
