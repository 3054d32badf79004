package org.onecity.fhir.search;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns off the built-in search parameters the city does not search by, listed in
 * {@code retired-search-parameters.txt}, by storing each as a retired SearchParameter with the built-in's URL:
 * HAPI's own way to override a built-in. Idempotent: an unchanged list writes nothing new on restart.
 */
public class RetiredSearchParameters {

    private static final Logger log = LoggerFactory.getLogger(RetiredSearchParameters.class);

    private final DaoRegistry daos;
    private final ISearchParamRegistry registry;

    public RetiredSearchParameters(DaoRegistry daos, ISearchParamRegistry registry) {
        this.daos = daos;
        this.registry = registry;
    }

    public record Retired(String resourceType, String code) {
    }

    public void apply() {
        @SuppressWarnings("unchecked")
        IFhirResourceDao<SearchParameter> dao = daos.getResourceDao("SearchParameter");
        int written = 0;
        for (Retired retired : list()) {
            RuntimeSearchParam builtIn = registry.getActiveSearchParam(retired.resourceType(), retired.code(),
                    ISearchParamRegistry.SearchParamLookupContextEnum.ALL);
            if (builtIn == null) {
                continue; // already retired, or not an R4 parameter
            }
            SearchParameter parameter = new SearchParameter();
            parameter.setUrl(builtIn.getUri());
            parameter.setName(retired.resourceType() + "-" + retired.code());
            parameter.setStatus(Enumerations.PublicationStatus.RETIRED);
            parameter.setCode(retired.code());
            parameter.addBase(retired.resourceType());
            parameter.setType(Enumerations.SearchParamType.fromCode(builtIn.getParamType().getCode()));
            parameter.setExpression(builtIn.getPath());
            parameter.setDescription("Not indexed by the OneCity city record");
            dao.update(parameter, "SearchParameter?url=" + builtIn.getUri(), new SystemRequestDetails());
            written++;
        }
        if (written > 0) {
            registry.forceRefresh();
        }
        log.info("Retired {} built-in search parameters the city does not search by", written);
    }

    static List<Retired> list() {
        List<Retired> retired = new ArrayList<>();
        try (InputStream in = RetiredSearchParameters.class.getResourceAsStream("/retired-search-parameters.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                retired.add(new Retired(parts[0], parts[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return retired;
    }
}
