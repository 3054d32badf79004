package org.onecity.fhir.access;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every endpoint the server registers: each FHIR interaction and operation of every resource type in the
 * CapabilityStatement, the system-level ones, every Spring MVC mapping and every actuator endpoint. Without a
 * token each answers 401; only the capability statement, the SMART configuration, CDS Hooks discovery and the health
 * probe are open.
 */
@CityRecordTest
class EveryEndpointNeedsATokenTest {

    private static final Set<String> OPEN = Set.of("/fhir/metadata", "/fhir/.well-known/smart-configuration",
            "/cds-services", "/actuator/health");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    CityRecordClient city;

    @Test
    void noEndpointAnswersWithoutAToken() {
        CapabilityStatement capabilities = city.anonymous().capabilities().ofType(CapabilityStatement.class).execute();
        List<HttpRequest> requests = new ArrayList<>();
        for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : capabilities.getRestFirstRep().getResource()) {
            String type = resource.getType();
            requests.add(get("/fhir/" + type));
            requests.add(get("/fhir/" + type + "/1"));
            requests.add(get("/fhir/" + type + "/1/_history"));
            requests.add(get("/fhir/" + type + "/_history"));
            requests.add(post("/fhir/" + type));
            requests.add(put("/fhir/" + type + "/1"));
            requests.add(delete("/fhir/" + type + "/1"));
            for (var operation : resource.getOperation()) {
                requests.add(get("/fhir/" + type + "/$" + operation.getName()));
                requests.add(post("/fhir/" + type + "/1/$" + operation.getName()));
            }
        }
        for (var operation : capabilities.getRestFirstRep().getOperation()) {
            requests.add(post("/fhir/$" + operation.getName()));
        }
        requests.add(post("/fhir"));
        requests.add(get("/fhir/_history"));
        requests.add(get("/fhir?_getpages=anything"));
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().keySet().stream().map(RequestMappingInfo::getPatternValues)
                        .flatMap(Set::stream).forEach(path -> requests.add(get(path.replaceAll("\\{[^}]+}", "x")))));
        context.getBeansOfType(ServletRegistrationBean.class).values().forEach(servlet ->
                servlet.getUrlMappings().forEach(path -> requests.add(get(((String) path).replace("/*", "/Patient")))));
        for (String endpoint : List.of("info", "metrics", "prometheus", "env", "beans", "configprops", "loggers", "mappings")) {
            requests.add(get("/actuator/" + endpoint));
        }

        assertThat(requests).hasSizeGreaterThan(1000);
        List<String> answered = new ArrayList<>();
        for (HttpRequest request : requests) {
            if (OPEN.contains(request.uri().getPath())) {
                continue;
            }
            int status = city.send(HttpRequest.newBuilder(request, (n, v) -> true)).statusCode();
            if (status != 401) {
                answered.add(request.method() + " " + request.uri() + " -> " + status);
            }
        }
        assertThat(answered).as("endpoints that answered without a token").isEmpty();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private HttpRequest post(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Bundle\",\"type\":\"transaction\"}")).build();
    }

    private HttpRequest put(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build();
    }

    private HttpRequest delete(String path) {
        return HttpRequest.newBuilder(uri(path)).DELETE().build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
