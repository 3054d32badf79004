package org.onecity.imaging.dimse;

import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.PresentationContextSelectionPolicy;
import org.onecity.imaging.dicom.ReceivedObject;

import java.util.LinkedList;
import java.util.List;
import java.util.Set;

/**
 * Which proposed presentation contexts are accepted: every storage SOP class in every transfer syntax the store keeps
 * (the sender's first choice among them, so compressed images stay compressed), verification, and the study- and
 * patient-root find and move models in the uncompressed syntaxes. PixelMed reads the decision from the contexts
 * themselves, so they are changed in place.
 */
final class StorePresentations implements PresentationContextSelectionPolicy {

    static final String VERIFICATION = "1.2.840.10008.1.1";
    static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    static final String STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";
    static final String PATIENT_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.1.1";
    static final String PATIENT_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.1.2";

    private static final Set<String> QUERY_RETRIEVE = Set.of(STUDY_ROOT_FIND, STUDY_ROOT_MOVE, PATIENT_ROOT_FIND,
            PATIENT_ROOT_MOVE);
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
            context.addTransferSyntaxUID("1.2.840.10008.1.2");
        } else {
            context.setResultReason(ACCEPTANCE);
            context.addTransferSyntaxUID(chosen);
        }
    }
}
