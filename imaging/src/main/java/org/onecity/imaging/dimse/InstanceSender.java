package org.onecity.imaging.dimse;

import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationOutputStream;
import com.pixelmed.network.DicomNetworkException;
import org.onecity.imaging.codec.Transcoder;
import org.onecity.imaging.codec.TranscodingFailed;
import org.onecity.imaging.codec.TransferSyntaxes;
import org.onecity.imaging.index.StoredInstance;
import org.onecity.imaging.ingest.Spool;
import org.onecity.imaging.store.InstanceObjects;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The archive's C-STORE SCU, on any association that has storage contexts (one it opened for a C-MOVE, or the
 * requester's own for a C-GET): each instance goes under a context carrying its stored transfer syntax when the
 * receiver accepted one, else under an accepted uncompressed context, decoded first. The object is fetched from the
 * object store to the spool and streamed from there, so an instance is never whole in memory.
 */
final class InstanceSender {

    /** Raised when the association itself failed: nothing more can be sent over it. */
    static final class AssociationLost extends Exception {
        AssociationLost(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final InstanceObjects objects;
    private final Spool spool;
    private final Transcoder transcoder;

    InstanceSender(InstanceObjects objects, Spool spool, Transcoder transcoder) {
        this.objects = objects;
        this.spool = spool;
        this.transcoder = transcoder;
    }

    /**
     * Sends one instance and waits for its C-STORE response.
     *
     * @param originator the C-MOVE's calling AE title and message ID, or null for a C-GET
     */
    SubOperation send(Association association, StoredInstance instance, int messageId, String originator,
                      int originatorMessageId) throws AssociationLost {
        String uid = instance.sopInstanceUid();
        Choice choice = choose(association, instance);
        if (choice == null) {
            return SubOperation.notSent(uid, "The receiver accepted " + instance.sopClassUid() + " neither in "
                    + instance.transferSyntax() + " nor uncompressed");
        }
        Path file = null;
        Path decoded = null;
        try {
            file = fetch(instance.objectKey());
            Path source = file;
            if (!choice.syntax().equals(instance.transferSyntax()) && !TransferSyntaxes.isNative(instance.transferSyntax())) {
                // decoded before the command goes, so a codestream that cannot be decoded fails this one alone
                decoded = transcoder.decode(file);
                source = decoded;
            }
            Command.Builder request = Command.request(Command.C_STORE_RQ, messageId, instance.sopClassUid())
                    .withDataSet().unsignedShort(Command.PRIORITY, 0).uid(Command.AFFECTED_SOP_INSTANCE_UID, uid);
            if (originator != null) {
                request.text(Command.MOVE_ORIGINATOR_AE_TITLE, originator)
                        .unsignedShort(Command.MOVE_ORIGINATOR_MESSAGE_ID, originatorMessageId);
            }
            return transfer(association, choice.context(), request.encode(), source, choice.syntax(), uid);
        } catch (TranscodingFailed e) {
            return SubOperation.notSent(uid, e.getMessage());
        } catch (InstanceObjects.ObjectStoreFailure | IOException e) {
            return SubOperation.notSent(uid, "The archive cannot read the object now");
        } finally {
            if (file != null) {
                Spool.delete(file);
            }
            if (decoded != null) {
                Spool.delete(decoded);
            }
        }
    }

    private SubOperation transfer(Association association, byte context, byte[] command, Path source, String syntax,
                                  String uid) throws AssociationLost {
        try {
            MessageReader response = new MessageReader(spool, association.getCalledAETitle());
            association.setReceivedDataHandler(response);
            association.send(context, command, null);
            AssociationOutputStream data = association.getAssociationOutputStream(context);
            try {
                transcoder.writeDataSet(source, syntax, data);
            } catch (TranscodingFailed e) {
                // the command has gone and the data set is half-sent: only ending the association stops it
                throw new AssociationLost("The data set of " + uid + " could not be written: " + e.getMessage(), e);
            }
            data.close();
            association.waitForPDataPDUsUntilHandlerReportsDone();
            Command answer = response.command();
            if (answer == null || answer.commandField() != (Command.C_STORE_RQ | Command.RESPONSE)) {
                throw new AssociationLost("The receiver answered the C-STORE of " + uid + " with something else", null);
            }
            return new SubOperation(uid, answer.unsignedShort(Command.STATUS), answer.string(Command.ERROR_COMMENT));
        } catch (DicomNetworkException | AReleaseException | IOException e) {
            throw new AssociationLost("The association ended while sending " + uid + ": " + e.getMessage(), e);
        }
    }

    private record Choice(byte context, String syntax) {
    }

    /** The context with the stored syntax, else one with an uncompressed syntax the archive can produce. */
    private static Choice choose(Association association, StoredInstance instance) {
        Choice stored = accepted(association, instance.sopClassUid(), instance.transferSyntax());
        if (stored != null) {
            return stored;
        }
        for (String syntax : TransferSyntaxes.PRODUCIBLE) {
            Choice fallback = accepted(association, instance.sopClassUid(), syntax);
            if (fallback != null) {
                return fallback;
            }
        }
        return null;
    }

    private static Choice accepted(Association association, String sopClass, String syntax) {
        try {
            return new Choice(association.getSuitablePresentationContextID(sopClass, syntax), syntax);
        } catch (DicomNetworkException none) {
            return null;
        }
    }

    private Path fetch(String key) throws IOException {
        Path file = spool.newFile();
        try (InputStream in = objects.open(key)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException | RuntimeException e) {
            Spool.delete(file);
            throw e;
        }
    }
}
