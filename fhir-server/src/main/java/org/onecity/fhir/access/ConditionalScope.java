package org.onecity.fhir.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A conditional URL is a search: {@code If-None-Exist}, a conditional update, patch or delete, a transaction entry's
 * {@code ifNoneExist} or conditional URL, and a conditional reference inside a resource all match stored records.
 * They match only what the caller may see, or a hospital could learn another hospital's record ids and point its own
 * records at them. So a hospital's conditional URLs on patient data are narrowed, in the database query, to what its
 * hospital sent; records everyone may read (organizations, practitioners, definitions) are matched city-wide. A
 * patient writes their Consent by id; conditional writes are for systems.
 */
class ConditionalScope {

    /** How every narrowing this class adds begins. */
    private static final String NARROWING = "_tag=" + encode(CityIdentifiers.SOURCE_HOSPITAL_TAG);
    private final FhirContext fhirContext;

    ConditionalScope(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** The request's own conditional URL, before HAPI reads it into the method's parameters. */
    void narrowUrl(RequestDetails request, RestOperationTypeEnum operation, CityPrincipal who) {
        String conditional = writes(operation) && !who.is(Role.ADMIN) ? request.getConditionalUrl(operation) : null;
        if (conditional == null) {
            return;
        }
        if (!who.is(Role.HOSPITAL_SYSTEM)) {
            throw new ForbiddenOperationException("Conditional writes are for hospital systems; write by id");
        }
        if (needsNarrowing(typeOf(conditional, request.getResourceName()))) {
            request.setFixedConditionalUrl(narrowed(conditional, narrowing(who)));
        }
    }

    /** What the body names conditionally: a transaction's entries, and conditional references in any resource. */
    void narrowBody(RequestDetails request, RestOperationTypeEnum operation, CityPrincipal who) {
        if (who.is(Role.ADMIN) || !writes(operation)) {
            return;
        }
        if (!who.is(Role.HOSPITAL_SYSTEM)) {
            if (request.getResource() instanceof Bundle bundle && hasConditionalEntries(bundle)) {
                throw new ForbiddenOperationException("Conditional writes are for hospital systems; write by id");
            }
            return;
        }
        if (request.getResource() instanceof Bundle bundle && operation == RestOperationTypeEnum.TRANSACTION) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                narrowEntry(entry, narrowing(who));
            }
        } else if (request.getResource() != null) {
            narrowReferences(request.getResource(), narrowing(who));
        }
    }

    private static String narrowing(CityPrincipal who) {
        return "_tag=" + encode(AccessGate.hospitalTag(who.hospital()));
    }

    /** A conditional URL without the narrowing this class added to it. */
    static String withoutNarrowing(String url) {
        int at = url == null ? -1 : url.lastIndexOf(NARROWING);
        if (at <= 0 || url.indexOf('&', at + 1) >= 0) {
            return url;
        }
        String kept = url.substring(0, at - 1);
        return kept.isEmpty() ? url : kept;
    }

    private void narrowEntry(Bundle.BundleEntryComponent entry, String narrowing) {
        Bundle.BundleEntryRequestComponent call = entry.getRequest();
        String entryType = entry.getResource() != null ? entry.getResource().fhirType() : EntryUrl.parse(call.getUrl()).type();
        if (call.hasIfNoneExist() && needsNarrowing(typeOf(call.getIfNoneExist(), entryType))) {
            call.setIfNoneExist(narrowed(call.getIfNoneExist(), narrowing));
        }
        boolean conditionalUrl = call.hasUrl() && call.getUrl().contains("?");
        if (conditionalUrl && call.getMethod() != Bundle.HTTPVerb.GET && call.getMethod() != Bundle.HTTPVerb.HEAD
                && call.getMethod() != Bundle.HTTPVerb.POST && needsNarrowing(EntryUrl.parse(call.getUrl()).type())) {
            call.setUrl(narrowed(call.getUrl(), narrowing));
        }
        if (entry.getResource() != null) {
            narrowReferences(entry.getResource(), narrowing);
        }
    }

    private void narrowReferences(IBaseResource resource, String narrowing) {
        for (Reference reference : fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            String target = reference.getReference();
            if (target != null && target.contains("?") && !target.startsWith("#")
                    && needsNarrowing(target.substring(0, target.indexOf('?')))) {
                reference.setReference(narrowed(target, narrowing));
            }
        }
    }

    private static boolean hasConditionalEntries(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getRequest)
                .anyMatch(call -> call.hasIfNoneExist() || call.hasUrl() && call.getUrl().contains("?")
                        && call.getMethod() != Bundle.HTTPVerb.GET && call.getMethod() != Bundle.HTTPVerb.HEAD);
    }

    private static boolean writes(RestOperationTypeEnum operation) {
        return switch (operation) {
            case CREATE, UPDATE, PATCH, DELETE, TRANSACTION -> true;
            default -> false;
        };
    }

    /** The type a conditional URL searches: named before its {@code ?}, else the type written. */
    private static String typeOf(String url, String writtenType) {
        int query = url.indexOf('?');
        String named = query > 0 ? url.substring(0, query) : "";
        named = named.substring(named.lastIndexOf('/') + 1);
        return named.isEmpty() ? writtenType : named;
    }

    private static boolean needsNarrowing(String type) {
        return type == null || !ResourceKinds.isOpenToAllSignedIn(type);
    }

    private static String narrowed(String url, String narrowing) {
        return url + (url.contains("?") || url.contains("=") ? "&" : "?") + narrowing;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
