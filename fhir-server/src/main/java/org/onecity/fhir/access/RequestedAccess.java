package org.onecity.fhir.access;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a FHIR request asks for, as (resource type, interaction) pairs the rules can judge. A transaction asks for
 * one pair per entry. A type of {@code *} stands for the whole server (system search and history, and operations
 * the city offers only to its operators).
 */
public record RequestedAccess(String type, Interaction interaction) {

    public static final String WHOLE_SERVER = "*";

    /** Operations and what they do to the resource type they run on. */
    private static final Map<String, Interaction> OPERATIONS = Map.of(
            "$everything", Interaction.READ,
            "$binary-access-read", Interaction.READ,
            "$binary-access-write", Interaction.UPDATE,
            "$meta", Interaction.READ,
            "$validate", Interaction.READ,
            "$match", Interaction.SEARCH,
            "$recognised-results", Interaction.READ);

    /** Null when the request touches no resources at all (the capability statement). */
    public static List<RequestedAccess> of(RequestDetails request, RestOperationTypeEnum operation) {
        String type = request.getResourceName();
        return switch (operation) {
            case METADATA -> List.of();
            case READ, VREAD, HISTORY_INSTANCE -> List.of(new RequestedAccess(type, Interaction.READ));
            case SEARCH_TYPE, HISTORY_TYPE -> List.of(new RequestedAccess(type, Interaction.SEARCH));
            case GET_PAGE -> List.of();
            case CREATE -> List.of(new RequestedAccess(type, Interaction.CREATE));
            case UPDATE, PATCH, META_ADD, META_DELETE -> List.of(new RequestedAccess(type, Interaction.UPDATE));
            case DELETE -> List.of(new RequestedAccess(type, Interaction.DELETE));
            case TRANSACTION -> entries(request);
            case EXTENDED_OPERATION_INSTANCE, EXTENDED_OPERATION_TYPE -> {
                Interaction interaction = OPERATIONS.get(request.getOperation());
                yield List.of(interaction == null
                        ? new RequestedAccess(WHOLE_SERVER, Interaction.UPDATE)
                        : new RequestedAccess(type, interaction));
            }
            case SEARCH_SYSTEM, HISTORY_SYSTEM -> List.of(new RequestedAccess(WHOLE_SERVER, Interaction.SEARCH));
            default -> List.of(new RequestedAccess(WHOLE_SERVER, Interaction.UPDATE));
        };
    }

    private static List<RequestedAccess> entries(RequestDetails request) {
        List<RequestedAccess> parts = new ArrayList<>();
        if (!(request.getResource() instanceof Bundle bundle)) {
            return parts;
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Bundle.BundleEntryRequestComponent call = entry.getRequest();
            String url = call.getUrl() == null ? "" : call.getUrl();
            String type = entry.getResource() != null ? entry.getResource().fhirType() : url.replaceAll("[/?].*", "");
            Interaction interaction = switch (call.getMethod() == null ? Bundle.HTTPVerb.NULL : call.getMethod()) {
                case POST -> Interaction.CREATE;
                case PUT, PATCH -> Interaction.UPDATE;
                case DELETE -> Interaction.DELETE;
                case GET, HEAD -> url.contains("?") || !url.contains("/") ? Interaction.SEARCH : Interaction.READ;
                default -> Interaction.UPDATE;
            };
            parts.add(new RequestedAccess(type.isEmpty() ? WHOLE_SERVER : type, interaction));
        }
        return parts;
    }
}
