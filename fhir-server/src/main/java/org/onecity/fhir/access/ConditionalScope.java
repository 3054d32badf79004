package org.onecity.fhir.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.util.HapiExtensions;
import ca.uhn.fhir.util.UrlUtil;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
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

    private static final String SCOPED = ConditionalScope.class.getName() + ".scoped";
    /** How every narrowing this class adds begins. */
    private static final String NARROWING = "_tag=" + encode(CityIdentifiers.SOURCE_HOSPITAL_TAG);
    private final FhirContext fhirContext;

    private final SearchCriteria searchCriteria;

    ConditionalScope(FhirContext fhirContext, SearchCriteria searchCriteria) {
        this.fhirContext = fhirContext;
        this.searchCriteria = searchCriteria;
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
        request.setFixedConditionalUrl(scoped(conditional, request.getResourceName(), who));
    }

    /**
     * What the body names conditionally: a transaction's entries, and conditional references in any resource. A body
     * may not point an attachment at binary content stored for another record either (HAPI's externalized-binary-id
     * extension): that content is the other record's, read under its rules.
     */
    void narrowBody(RequestDetails request, RestOperationTypeEnum operation, CityPrincipal who) {
        if (who.is(Role.ADMIN) || !writes(operation)) {
            return;
        }
        if (!who.is(Role.HOSPITAL_SYSTEM) && request.getResource() instanceof Bundle bundle && hasConditionalEntries(bundle)) {
            throw new ForbiddenOperationException("Conditional writes are for hospital systems; write by id");
        }
        if (request.getResource() instanceof Bundle bundle && operation == RestOperationTypeEnum.TRANSACTION) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (who.is(Role.HOSPITAL_SYSTEM)) {
                    narrowEntry(entry, who);
                } else if (entry.getResource() != null) {
                    inspect(entry.getResource(), who);
                }
            }
        } else if (request.getResource() != null) {
            inspect(request.getResource(), who);
        }
    }

    private static String narrowing(CityPrincipal who) {
        return "_tag=" + encode(AccessGate.hospitalTag(who.hospital()));
    }

    /** How a hospital's conditional URLs end once narrowed to what it sent. */
    static String narrowingOf(CityPrincipal who) {
        return narrowing(who);
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

    private void narrowEntry(Bundle.BundleEntryComponent entry, CityPrincipal who) {
        Bundle.BundleEntryRequestComponent call = entry.getRequest();
        Bundle.HTTPVerb method = call.getMethod() == null ? Bundle.HTTPVerb.NULL : call.getMethod();
        String written = (method == Bundle.HTTPVerb.POST || method == Bundle.HTTPVerb.PUT) && entry.getResource() != null
                ? entry.getResource().fhirType() : EntryUrl.parse(call.getUrl()).type();
        if (call.hasIfNoneExist()) {
            call.setIfNoneExist(scoped(call.getIfNoneExist(), written, who));
        }
        boolean conditionalUrl = call.hasUrl() && call.getUrl().contains("?");
        if (conditionalUrl && (method == Bundle.HTTPVerb.PUT || method == Bundle.HTTPVerb.PATCH
                || method == Bundle.HTTPVerb.DELETE)) {
            call.setUrl(scoped(call.getUrl(), written, who));
        }
        if (entry.getResource() != null) {
            inspect(entry.getResource(), who);
        }
    }

    /**
     * One walk through a resource: a hospital's conditional references are narrowed (anyone else's are refused as the
     * resource is stored), and a claim on another record's stored binary content is refused.
     */
    private void inspect(IBaseResource resource, CityPrincipal who) {
        fhirContext.newTerser().visit(resource, (outer, element, path, child, definition) -> {
            if (element instanceof Reference reference && who.is(Role.HOSPITAL_SYSTEM)) {
                String target = reference.getReference();
                if (target != null && target.contains("?") && !target.startsWith("#")) {
                    reference.setReference(scoped(target, target.substring(0, target.indexOf('?')), who));
                }
            } else if (element instanceof Extension extension
                    && HapiExtensions.EXT_EXTERNALIZED_BINARY_ID.equals(extension.getUrl())) {
                throw new ForbiddenOperationException("An attachment may not name stored binary content ("
                        + HapiExtensions.EXT_EXTERNALIZED_BINARY_ID + "): send the content itself");
            }
        });
        if (who.is(Role.HOSPITAL_SYSTEM)) {
            resource.setUserData(SCOPED, Boolean.TRUE);
        }
    }

    /**
     * Whether this very resource object had its conditional references narrowed as the request came in; a resource
     * made later (the result of a PATCH) has not.
     */
    static boolean wasScopedAtTheDoor(IBaseResource resource) {
        return Boolean.TRUE.equals(resource.getUserData(SCOPED));
    }

    /**
     * A hospital's conditional URL as the city runs it: it must search the type written (HAPI matches that type,
     * whatever the URL names), it may ask only what a search may ask, and on patient data it matches only what the
     * hospital sent.
     */
    private String scoped(String url, String writtenType, CityPrincipal who) {
        int query = url.indexOf('?');
        String named = query > 0 ? url.substring(0, query) : "";
        named = named.substring(named.lastIndexOf('/') + 1);
        if (!named.isEmpty() && writtenType != null && !named.equals(writtenType)) {
            throw new InvalidRequestException("The conditional URL " + url + " searches " + named + ", but the request "
                    + "writes " + writtenType + ": a conditional URL searches the type it writes");
        }
        String type = named.isEmpty() ? writtenType : named;
        String criteria = query >= 0 ? url.substring(query + 1) : url;
        searchCriteria.check(who, null, UrlUtil.parseQueryString(criteria));
        return needsNarrowing(type) ? narrowed(url, narrowing(who)) : url;
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
