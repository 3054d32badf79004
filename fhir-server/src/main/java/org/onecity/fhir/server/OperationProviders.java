package org.onecity.fhir.server;

import java.util.List;

/**
 * Providers of FHIR operations that are not one resource type's provider (HAPI's MDM operations, OneCity's own);
 * the REST server registers them beside the JPA providers.
 */
public interface OperationProviders {

    List<Object> providers();
}
