package org.onecity.fhir.server;

import ca.uhn.fhir.rest.server.IResourceProvider;

/**
 * A resource provider of OneCity's own (not one of HAPI's JPA providers); the REST server registers each in place
 * of the JPA provider for the same type.
 */
public interface CityResourceProvider extends IResourceProvider {
}
