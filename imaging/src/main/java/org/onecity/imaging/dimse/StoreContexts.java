package org.onecity.imaging.dimse;

import com.pixelmed.network.PresentationContext;
import org.onecity.imaging.codec.TransferSyntaxes;
import org.onecity.imaging.index.StoredInstance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The presentation contexts proposed to a C-MOVE destination: for each SOP class, one context per stored transfer
 * syntax carrying that syntax alone (so each object can go as stored), and one fallback context with the uncompressed
 * syntaxes the archive can always produce. An association carries at most 128 contexts (PS3.8 9.3.2.2: odd IDs
 * 1-255), so instances of many classes and syntaxes go over several associations, a SOP class's contexts always
 * together.
 */
final class StoreContexts {

    static final int MAX_CONTEXTS = 128;

    /** One association's worth: its proposed contexts and the instances sent over it. */
    record Batch(List<Proposal> proposals, List<StoredInstance> instances) {
        LinkedList<PresentationContext> contexts() {
            LinkedList<PresentationContext> contexts = new LinkedList<>();
            int id = 1;
            for (Proposal proposal : proposals) {
                contexts.add(new PresentationContext((byte) id, proposal.sopClass(), new LinkedList<>(proposal.syntaxes())));
                id += 2;
            }
            return contexts;
        }
    }

    record Proposal(String sopClass, List<String> syntaxes) {
    }

    private StoreContexts() {
    }

    static List<Batch> plan(List<StoredInstance> instances) {
        Map<String, List<StoredInstance>> byClass = new LinkedHashMap<>();
        instances.forEach(i -> byClass.computeIfAbsent(i.sopClassUid(), c -> new ArrayList<>()).add(i));
        List<Batch> batches = new ArrayList<>();
        List<Proposal> proposals = new ArrayList<>();
        List<StoredInstance> members = new ArrayList<>();
        for (var entry : byClass.entrySet()) {
            List<Proposal> ofClass = proposals(entry.getKey(), entry.getValue());
            if (proposals.size() + ofClass.size() > MAX_CONTEXTS && !proposals.isEmpty()) {
                batches.add(new Batch(List.copyOf(proposals), List.copyOf(members)));
                proposals.clear();
                members.clear();
            }
            proposals.addAll(ofClass);
            members.addAll(entry.getValue());
        }
        if (!proposals.isEmpty()) {
            batches.add(new Batch(List.copyOf(proposals), List.copyOf(members)));
        }
        return batches;
    }

    private static List<Proposal> proposals(String sopClass, List<StoredInstance> instances) {
        Set<String> stored = new LinkedHashSet<>();
        instances.forEach(i -> stored.add(i.transferSyntax()));
        List<Proposal> proposals = new ArrayList<>();
        // a class with more stored syntaxes than fit is still sent: the rest go by the fallback, decoded
        stored.stream().limit(MAX_CONTEXTS - 1).forEach(syntax -> proposals.add(new Proposal(sopClass, List.of(syntax))));
        proposals.add(new Proposal(sopClass, TransferSyntaxes.PRODUCIBLE));
        return proposals;
    }
}
