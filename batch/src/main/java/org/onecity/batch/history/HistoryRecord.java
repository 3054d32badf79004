package org.onecity.batch.history;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;

/**
 * A resource of a hospital's history ready to push: its line, the resource with its references resolved, and the
 * export's id and the business identifier it is stored by (for the references of later lines).
 */
public record HistoryRecord(NdjsonLine line, Resource resource, String sourceId, Identifier businessIdentifier) {
}
