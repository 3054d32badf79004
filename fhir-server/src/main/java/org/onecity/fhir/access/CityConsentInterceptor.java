package org.onecity.fhir.access;

import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import org.onecity.fhir.server.RestInterceptor;

/** HAPI's consent interceptor with the city's consent service, registered on the REST server. */
public class CityConsentInterceptor extends ConsentInterceptor implements RestInterceptor {

    public CityConsentInterceptor(CityConsentService service) {
        super(service);
    }
}
