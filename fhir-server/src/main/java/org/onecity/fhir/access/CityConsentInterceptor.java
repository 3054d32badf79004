package org.onecity.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.onecity.fhir.server.RestInterceptor;

/**
 * HAPI's consent interceptor with the city's consent service, registered on the REST server, and the check of every
 * resource the server is about to show: what the rules do not allow is withheld before it reaches the response.
 */
public class CityConsentInterceptor extends ConsentInterceptor implements RestInterceptor {

    private final CityConsentService service;

    public CityConsentInterceptor(CityConsentService service) {
        super(service);
        this.service = service;
    }

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void withholdWhatMayNotBeShown(RequestDetails request, IPreResourceShowDetails shown) {
        if (CityConsentService.judgedWhenLoaded(request)
                || RequestAccess.of(request).map(RequestAccess::unrestricted).orElse(false)) {
            return;
        }
        for (int i = 0; i < shown.size(); i++) {
            IBaseResource resource = shown.getResource(i);
            if (resource != null && !service.mayBeShown(request, resource)) {
                shown.setResource(i, null);
            }
        }
    }
}
