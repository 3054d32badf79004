package org.onecity.fhir.ingest;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.city.Hospital;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hospital writes only what it sent itself. A write that names its target by id is checked against the stored
 * resource's source hospital; a conditional write may only match on the hospital's own identifiers, so it can
 * never reach another hospital's records.
 */
class OwnershipGuard {

    private static final Pattern IDENTIFIER_SYSTEM = Pattern.compile("[?&]identifier=([^&|]*)(?:\\||%7C)", Pattern.CASE_INSENSITIVE);

    private final DaoRegistry daos;

    OwnershipGuard(DaoRegistry daos) {
        this.daos = daos;
    }

    void check(RequestDetails request, RestOperationTypeEnum operation, Hospital sender) {
        if (operation == RestOperationTypeEnum.TRANSACTION && request.getResource() instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                checkEntry(entry.getRequest(), sender);
            }
        } else if (request.getConditionalUrl(operation) != null) {
            checkConditionalUrl(request.getConditionalUrl(operation), sender);
        } else if (request.getId() != null && request.getId().hasIdPart()
                && (operation == RestOperationTypeEnum.UPDATE || operation == RestOperationTypeEnum.PATCH)) {
            checkStored(request.getId(), sender);
        }
    }

    private void checkEntry(Bundle.BundleEntryRequestComponent entry, Hospital sender) {
        if (entry.getMethod() == null || entry.getMethod() == Bundle.HTTPVerb.GET || entry.getMethod() == Bundle.HTTPVerb.HEAD) {
            return;
        }
        if (entry.hasIfNoneExist()) {
            checkConditionalUrl(entry.getIfNoneExist(), sender);
        }
        String url = entry.getUrl();
        if (url == null || entry.getMethod() == Bundle.HTTPVerb.POST) {
            return;
        }
        if (url.contains("?")) {
            checkConditionalUrl(url, sender);
        } else if (entry.getMethod() != Bundle.HTTPVerb.DELETE) {
            checkStored(new IdType(url), sender);
        }
    }

    private void checkStored(IIdType id, Hospital sender) {
        if (!id.hasResourceType() || !id.hasIdPart()) {
            return;
        }
        try {
            Resource stored = (Resource) daos.getResourceDao(id.getResourceType())
                    .read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
            SourceStamp.refuseUnlessOwnedBy(stored, sender, "overwrite");
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            // nothing there to protect; HAPI answers for creating by id
        }
    }

    private static void checkConditionalUrl(String url, Hospital sender) {
        List<String> systems = new ArrayList<>();
        Matcher matcher = IDENTIFIER_SYSTEM.matcher(url);
        while (matcher.find()) {
            systems.add(URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8));
        }
        for (String system : systems) {
            if (!sender.issues(system) && !CityIdentifiers.HOSPITAL_CODE.equals(system)) {
                throw new ForbiddenOperationException(sender.code() + " may only match its own identifiers; "
                        + url + " uses " + system);
            }
        }
    }
}
