package org.onecity.imaging.dimse;

import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.PresentationContextSelectionPolicy;
import org.onecity.imaging.dicom.ReceivedObject;

import java.util.LinkedList;
import java.util.List;
import java.util.Set;

/**
 * Which proposed presentation contexts are accepted: every storage SOP class in every transfer syntax the store keeps
 * (the sender's first choice among them, so compressed images stay compressed; for a C-GET the requester's first
 * choice is what it receives in), verification, and the study- and patient-root find, move and get models in the
 * uncompressed syntaxes. SCU/SCP role selections proposed (a C-GET requester's SCP role for storage) are accepted as
 * proposed, by PixelMed. PixelMed reads the decision from the contexts
 * themselves, so they are changed in place.
 */
final class StorePresentations implements PresentationContextSelectionPolicy {

    static final String VERIFICATION = "1.2.840.10008.1.1";
    static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    static final String STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";
    static final String PATIENT_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.1.1";
    static final String PATIENT_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.1.2";
    static final String STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3";
    static final String PATIENT_ROOT_GET = "1.2.840.10008.5.1.4.1.2.1.3";

    private static final Set<String> QUERY_RETRIEVE = Set.of(STUDY_ROOT_FIND, STUDY_ROOT_MOVE, PATIENT_ROOT_FIND,
            PATIENT_ROOT_MOVE, STUDY_ROOT_GET, PATIENT_ROOT_GET);
    /** Never stored nor produced: a rejected context carries it, so no sub-operation of a C-GET can pick it. */
    private static final String NOT_OFFERED = "1.2.840.10008.1.2.2";
    private static final List<String> UNCOMPRESSED = List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2");

    private static final byte ACCEPTANCE = 0;
    private static final byte TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    @Override
    public LinkedList applyPresentationContextSelectionPolicy(LinkedList contexts, int associationNumber) {
        for (Object each : contexts) {
            select((PresentationContext) each);
        }
        return contexts;
    }

    @Override
    public LinkedList applyPresentationContextSelectionPolicy(LinkedList contexts, int associationNumber, int debugLevel) {
        return applyPresentationContextSelectionPolicy(contexts, associationNumber);
    }

    private static void select(PresentationContext context) {
        String abstractSyntax = context.getAbstractSyntaxUID();
        Set<String> acceptable;
        if (VERIFICATION.equals(abstractSyntax) || QUERY_RETRIEVE.contains(abstractSyntax)) {
            acceptable = Set.copyOf(UNCOMPRESSED);
        } else {
            // any other class is taken as storage: an object of a class the store does not keep is then refused
            // with a C-STORE status and its reason, which tells the sender more than a rejected context
            acceptable = ReceivedObject.TRANSFER_SYNTAXES;
        }
        String chosen = null;
        for (Object proposed : context.getTransferSyntaxUIDs()) {
            if (acceptable.contains(proposed)) {
                chosen = (String) proposed;
                break;
            }
        }
        context.newTransferSyntaxUIDs();
        if (chosen == null) {
            context.setResultReason(TRANSFER_SYNTAXES_NOT_SUPPORTED);
            context.addTransferSyntaxUID(NOT_OFFERED);
        } else {
            context.setResultReason(ACCEPTANCE);
            context.addTransferSyntaxUID(chosen);
        }
    }
}
