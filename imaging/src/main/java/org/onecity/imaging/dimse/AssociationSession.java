package org.onecity.imaging.dimse;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.DicomNetworkException;
import org.onecity.imaging.dicom.DicomStatus;
import org.onecity.imaging.dicom.ReceivedObject;
import org.onecity.imaging.dicom.Refused;
import org.onecity.imaging.ingest.Sender;
import org.onecity.imaging.ingest.Stored;
import org.onecity.imaging.query.Match;
import org.onecity.imaging.query.QueryLevel;
import org.onecity.imaging.query.StudyQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.List;

/**
 * One association with a hospital's PACS or modality: messages are read one at a time and answered — C-ECHO,
 * C-STORE (stored, then answered), C-FIND (pending matches, then the final status), C-MOVE (sub-operations to a
 * registered destination) and C-GET (sub-operations back over this association).
 */
final class AssociationSession implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AssociationSession.class);
    /** The largest P-DATA PDU we accept; bigger PDUs mean fewer round trips for large objects. */
    static final int MAX_PDU = 256 * 1024;

    private final Socket socket;
    private final String callingAeTitle;
    private final DimseServices services;

    AssociationSession(Socket socket, String callingAeTitle, DimseServices services) {
        this.socket = socket;
        this.callingAeTitle = callingAeTitle;
        this.services = services;
    }

    @Override
    public void run() {
        try (socket) {
            Association association = AssociationFactory.createNewAssociation(socket, services.aeTitle(), MAX_PDU,
                    AssociationFactory.getDefaultReceiveBufferSize(), AssociationFactory.getDefaultSendBufferSize(),
                    new StorePresentations());
            String hospital = services.hospitalOf(callingAeTitle);
            while (true) {
                MessageReader reader = new MessageReader(services.spool(), callingAeTitle);
                association.setReceivedDataHandler(reader);
                try {
                    association.waitForPDataPDUsUntilHandlerReportsDone();
                } catch (AReleaseException released) {
                    return;
                } catch (DicomNetworkException broken) {
                    reader.discard();
                    log.info("Association with {} ended: {}", callingAeTitle, broken.getMessage());
                    return;
                }
                answer(association, reader, hospital);
            }
        } catch (Exception e) {
            log.warn("Association with {} failed", callingAeTitle, e);
        }
    }

    private void answer(Association association, MessageReader message, String hospital) throws Exception {
        Command command = message.command();
        byte context = message.presentationContext();
        String sopClass = command.string(Command.AFFECTED_SOP_CLASS_UID);
        switch (command.commandField()) {
            case Command.C_ECHO_RQ -> association.send(context,
                    Command.response(Command.C_ECHO_RQ, command.messageId(), sopClass).status(DicomStatus.SUCCESS).encode(),
                    null);
            case Command.C_STORE_RQ -> store(association, message, hospital);
            case Command.C_FIND_RQ -> find(association, message, hospital);
            case Command.C_MOVE_RQ -> move(association, message, hospital);
            case Command.C_GET_RQ -> get(association, message, hospital);
            case Command.C_CANCEL_RQ -> {
                // matches are sent as they are found; nothing is left to cancel
            }
            default -> association.send(context, Command.response(command.commandField() & 0x7FFF, command.messageId(),
                    sopClass).status(0x0211).text(Command.ERROR_COMMENT, "Operation not offered").encode(), null);
        }
    }

    private void store(Association association, MessageReader message, String hospital) throws DicomNetworkException {
        Command command = message.command();
        String sopClass = command.string(Command.AFFECTED_SOP_CLASS_UID);
        String sopInstance = command.string(Command.AFFECTED_SOP_INSTANCE_UID);
        int status = DicomStatus.SUCCESS;
        String comment = null;
        try {
            if (message.file() == null) {
                throw Refused.cannotUnderstand("The C-STORE carried no data set");
            }
            Stored stored = services.reception().receive(message.file(), received -> {
                if (!received.attributes().sopInstanceUid().equals(sopInstance)) {
                    throw new Refused(DicomStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                            "Data set's SOP Instance UID differs from the command's");
                }
                return services.ingest().store(received, new Sender(hospital, callingAeTitle));
            });
            if (stored.outcome() == Stored.Outcome.ALREADY_STORED) {
                comment = "Already stored with the same content";
            }
        } catch (Refused refused) {
            status = refused.status();
            comment = refused.getMessage();
            log.info("C-STORE of {} from {} refused ({}): {}", sopInstance, callingAeTitle, DicomStatus.hex(status),
                    comment);
        } catch (RuntimeException failure) {
            // the object store or the database did not take it: nothing acknowledged, the sender may try again
            status = DicomStatus.OUT_OF_RESOURCES;
            comment = "Not stored, try again later";
            log.warn("C-STORE of {} from {} not stored: {}", sopInstance, callingAeTitle, failure.toString());
        } finally {
            if (message.file() != null) {
                message.file().discard();
            }
        }
        association.send(message.presentationContext(), Command.response(Command.C_STORE_RQ, command.messageId(), sopClass)
                .uid(Command.AFFECTED_SOP_INSTANCE_UID, sopInstance).status(status)
                .text(Command.ERROR_COMMENT, comment).encode(), null);
    }

    private void find(Association association, MessageReader message, String hospital)
            throws DicomNetworkException, IOException, DicomException {
        Command command = message.command();
        String sopClass = command.string(Command.AFFECTED_SOP_CLASS_UID);
        byte context = message.presentationContext();
        if (!StorePresentations.STUDY_ROOT_FIND.equals(sopClass) && !StorePresentations.PATIENT_ROOT_FIND.equals(sopClass)) {
            association.send(context, Command.response(Command.C_FIND_RQ, command.messageId(), sopClass)
                    .status(DicomStatus.SOP_CLASS_NOT_SUPPORTED)
                    .text(Command.ERROR_COMMENT, "Only study and patient root queries are offered").encode(), null);
            return;
        }
        AttributeList identifier;
        StudyQuery query;
        try {
            identifier = identifier(message);
            query = DimseQueries.query(identifier, services.readableHospitals(hospital), StudyQuery.MAX_LIMIT);
        } catch (IllegalArgumentException | DicomException | IOException e) {
            association.send(context, Command.response(Command.C_FIND_RQ, command.messageId(), sopClass)
                    .status(DicomStatus.IDENTIFIER_DOES_NOT_MATCH).text(Command.ERROR_COMMENT, e.getMessage()).encode(),
                    null);
            return;
        }
        List<Match> matches = services.search().find(query);
        services.audit(callingAeTitle, hospital, "c-find-" + query.level().name().toLowerCase(), matches, query);
        for (Match match : matches) {
            byte[] data = encode(DimseQueries.response(identifier, match, query.level()), message.transferSyntax());
            association.send(context, Command.response(Command.C_FIND_RQ, command.messageId(), sopClass)
                    .status(0xFF00).withDataSet().encode(), data);
        }
        association.send(context, Command.response(Command.C_FIND_RQ, command.messageId(), sopClass)
                .status(DicomStatus.SUCCESS).encode(), null);
    }

    private void move(Association association, MessageReader message, String hospital)
            throws DicomNetworkException {
        Command command = message.command();
        String sopClass = command.string(Command.AFFECTED_SOP_CLASS_UID);
        byte context = message.presentationContext();
        StudyQuery query = retrieveQuery(association, message, hospital, Command.C_MOVE_RQ);
        if (query == null) {
            return;
        }
        String destination = command.string(Command.MOVE_DESTINATION);
        var target = services.destination(hospital, destination);
        if (target.isEmpty()) {
            association.send(context, Command.response(Command.C_MOVE_RQ, command.messageId(), sopClass)
                    .status(DicomStatus.MOVE_DESTINATION_UNKNOWN)
                    .text(Command.ERROR_COMMENT, "Move destination " + destination + " is not one of this hospital's")
                    .encode(), null);
            return;
        }
        List<Match> instances = services.mover().instances(query);
        services.audit(callingAeTitle, hospital, "c-move", instances, query);
        services.mover().move(instances, target.get(), callingAeTitle, command.messageId(),
                pending(association, message, Command.C_MOVE_RQ), last(association, message, Command.C_MOVE_RQ));
    }

    /** C-GET: the matches come back over this association, as C-STOREs under the storage contexts it offered. */
    private void get(Association association, MessageReader message, String hospital) throws DicomNetworkException {
        StudyQuery query = retrieveQuery(association, message, hospital, Command.C_GET_RQ);
        if (query == null) {
            return;
        }
        List<Match> instances = services.mover().instances(query);
        services.audit(callingAeTitle, hospital, "c-get", instances, query);
        services.mover().get(instances, association, pending(association, message, Command.C_GET_RQ),
                last(association, message, Command.C_GET_RQ));
    }

    /** The query a move or get identifier asks; null when it was refused (and the refusal answered). */
    private StudyQuery retrieveQuery(Association association, MessageReader message, String hospital, int field)
            throws DicomNetworkException {
        Command command = message.command();
        String sopClass = command.string(Command.AFFECTED_SOP_CLASS_UID);
        byte context = message.presentationContext();
        boolean offered = field == Command.C_MOVE_RQ
                ? StorePresentations.STUDY_ROOT_MOVE.equals(sopClass) || StorePresentations.PATIENT_ROOT_MOVE.equals(sopClass)
                : StorePresentations.STUDY_ROOT_GET.equals(sopClass) || StorePresentations.PATIENT_ROOT_GET.equals(sopClass);
        if (!offered) {
            association.send(context, Command.response(field, command.messageId(), sopClass)
                    .status(DicomStatus.SOP_CLASS_NOT_SUPPORTED)
                    .text(Command.ERROR_COMMENT, "Only study and patient root retrieval is offered").encode(), null);
            return null;
        }
        try {
            StudyQuery query = DimseQueries.query(identifier(message), services.readableHospitals(hospital),
                    Integer.MAX_VALUE);
            if (query.level() == QueryLevel.PATIENT && query.matching().isEmpty()) {
                throw new IllegalArgumentException("A patient-level retrieval needs the Patient ID");
            }
            return query;
        } catch (IllegalArgumentException | DicomException | IOException e) {
            association.send(context, Command.response(field, command.messageId(), sopClass)
                    .status(DicomStatus.IDENTIFIER_DOES_NOT_MATCH).text(Command.ERROR_COMMENT, e.getMessage()).encode(),
                    null);
            return null;
        }
    }

    private static StudyMover.Pending pending(Association association, MessageReader message, int field) {
        Command command = message.command();
        String sopClass = command.string(Command.AFFECTED_SOP_CLASS_UID);
        return (remaining, completed, failed, warning) -> association.send(message.presentationContext(),
                Command.response(field, command.messageId(), sopClass).status(0xFF00)
                        .unsignedShort(Command.REMAINING, remaining).unsignedShort(Command.COMPLETED, completed)
                        .unsignedShort(Command.FAILED, failed).unsignedShort(Command.WARNING, warning).encode(),
                null);
    }

    private static StudyMover.Final last(Association association, MessageReader message, int field) {
        Command command = message.command();
        String sopClass = command.string(Command.AFFECTED_SOP_CLASS_UID);
        return (status, completed, failed, warning, comment) -> association.send(message.presentationContext(),
                Command.response(field, command.messageId(), sopClass).status(status)
                        .unsignedShort(Command.REMAINING, 0).unsignedShort(Command.COMPLETED, completed).unsignedShort(Command.FAILED, failed)
                        .unsignedShort(Command.WARNING, warning).text(Command.ERROR_COMMENT, comment).encode(), null);
    }

    private AttributeList identifier(MessageReader message) throws IOException, DicomException {
        // the identifier's lengths are checked before the toolkit reads it: a lying length is refused, not allocated
        services.reception().bounds().checkDataSet(message.identifier(), message.transferSyntax());
        AttributeList identifier = new AttributeList();
        identifier.read(new DicomInputStream(new ByteArrayInputStream(message.identifier()), message.transferSyntax(),
                false));
        return identifier;
    }

    private static byte[] encode(AttributeList list, String transferSyntax) throws IOException, DicomException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomOutputStream dicom = new DicomOutputStream(out, null, transferSyntax);
        list.write(dicom);
        dicom.close();
        return out.toByteArray();
    }
}
