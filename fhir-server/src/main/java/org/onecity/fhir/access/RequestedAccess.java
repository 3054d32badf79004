package org.onecity.fhir.access;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a FHIR request asks for, as (resource type, interaction) pairs the rules can judge. A transaction or batch
 * asks for one pair per entry, read from the entry's method and URL. A type of {@code *} stands for the whole server
 * (system search and history, and operations the city offers only to its operators).
 */
public record RequestedAccess(String type, Interaction interaction) {

    public static final String WHOLE_SERVER = "*";

    /** Operations on one resource that others than the bureau may call, and what they do to it. */
    private static final Map<String, Interaction> INSTANCE_OPERATIONS = Map.of(
            "$everything", Interaction.READ,
            "$binary-access-read", Interaction.READ,
            "$binary-access-write", Interaction.UPDATE,
            "$recognised-results", Interaction.READ);

    /** Operations on a resource type that others than the bureau may call: checking a resource before sending it. */
    private static final Map<String, Interaction> TYPE_OPERATIONS = Map.of("$validate", Interaction.READ);

    /**
     * Operations on the whole server that only read: the bureau's person may call them with a read scope. Whole-server
     * access stays the bureau's alone (AccessRules); any other operation needs the right to write.
     */
    private static final Map<String, Interaction> SERVER_OPERATIONS = Map.of(
            "$intake-report", Interaction.READ,
            "$mdm-query-links", Interaction.READ,
            "$mdm-link-history", Interaction.READ);

    public static List<RequestedAccess> of(RequestDetails request, RestOperationTypeEnum operation) {
        String type = request.getResourceName();
        return switch (operation) {
            case METADATA, GET_PAGE -> List.of(); // a page is judged resource by resource for whoever asks for it
            case READ, VREAD, HISTORY_INSTANCE -> List.of(new RequestedAccess(type, Interaction.READ));
            case SEARCH_TYPE, HISTORY_TYPE -> List.of(new RequestedAccess(type, Interaction.SEARCH));
            case CREATE -> List.of(new RequestedAccess(type, Interaction.CREATE));
            case UPDATE, PATCH, META_ADD, META_DELETE -> List.of(new RequestedAccess(type, Interaction.UPDATE));
            case DELETE -> List.of(new RequestedAccess(type, Interaction.DELETE));
            case TRANSACTION -> entries(request);
            case EXTENDED_OPERATION_INSTANCE -> List.of(operation(type, request.getOperation(), INSTANCE_OPERATIONS));
            case EXTENDED_OPERATION_TYPE -> List.of(operation(type, request.getOperation(), TYPE_OPERATIONS));
            case EXTENDED_OPERATION_SERVER -> List.of(operation(WHOLE_SERVER, request.getOperation(), SERVER_OPERATIONS));
            case SEARCH_SYSTEM, HISTORY_SYSTEM -> List.of(new RequestedAccess(WHOLE_SERVER, Interaction.SEARCH));
            default -> List.of(new RequestedAccess(WHOLE_SERVER, Interaction.UPDATE));
        };
    }

    private static RequestedAccess operation(String type, String name, Map<String, Interaction> offered) {
        Interaction interaction = offered.get(name);
        return interaction == null ? new RequestedAccess(WHOLE_SERVER, Interaction.UPDATE) : new RequestedAccess(type, interaction);
    }

    /** Each entry by its method and URL; the type a write stores is the type of what it carries, when it carries one. */
    private static List<RequestedAccess> entries(RequestDetails request) {
        List<RequestedAccess> parts = new ArrayList<>();
        if (!(request.getResource() instanceof Bundle bundle)) {
            return parts;
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Bundle.BundleEntryRequestComponent call = entry.getRequest();
            EntryUrl url = EntryUrl.parse(call.getUrl());
            Bundle.HTTPVerb method = call.getMethod() == null ? Bundle.HTTPVerb.NULL : call.getMethod();
            String stored = (method == Bundle.HTTPVerb.POST || method == Bundle.HTTPVerb.PUT) && entry.getResource() != null
                    ? entry.getResource().fhirType() : url.type();
            parts.add(switch (method) {
                case POST -> url.operation() != null ? entryOperation(url) : of(stored, Interaction.CREATE);
                case PUT -> of(stored, Interaction.UPDATE);
                case PATCH -> of(url.type(), Interaction.UPDATE);
                case DELETE -> of(url.type(), Interaction.DELETE);
                case GET, HEAD -> url.operation() != null ? entryOperation(url)
                        : url.type() == null ? new RequestedAccess(WHOLE_SERVER, Interaction.SEARCH)
                        : of(url.type(), url.id() == null ? Interaction.SEARCH : Interaction.READ);
                default -> new RequestedAccess(WHOLE_SERVER, Interaction.UPDATE);
            });
        }
        return parts;
    }

    private static RequestedAccess entryOperation(EntryUrl url) {
        if (url.type() == null) {
            return new RequestedAccess(WHOLE_SERVER, Interaction.UPDATE);
        }
        return operation(url.type(), url.operation(), url.id() == null ? TYPE_OPERATIONS : INSTANCE_OPERATIONS);
    }

    private static RequestedAccess of(String type, Interaction interaction) {
        return new RequestedAccess(type == null || type.isEmpty() ? WHOLE_SERVER : type, interaction);
    }
}
