package org.onecity.fhir.access;

import ca.uhn.fhir.util.UrlUtil;

import java.util.Map;

/**
 * The URL of a transaction or batch entry, read the way the server will route it: {@code Type}, {@code Type/id},
 * {@code Type/id/_history/v}, {@code Type/$op}, {@code Type/id/$op}, {@code $op}, each with an optional query.
 *
 * @param type      the resource type, null for the whole server
 * @param id        the resource id, null for a type or the server
 * @param operation the operation name with its {@code $}, null if none
 */
record EntryUrl(String type, String id, String operation, Map<String, String[]> parameters) {

    static EntryUrl parse(String url) {
        String value = url == null ? "" : url.strip();
        if (value.startsWith("http://") || value.startsWith("https://")) {
            int base = value.indexOf("/fhir/");
            value = base < 0 ? "" : value.substring(base + "/fhir/".length());
        }
        int query = value.indexOf('?');
        String path = query < 0 ? value : value.substring(0, query);
        Map<String, String[]> parameters = query < 0 ? Map.of() : UrlUtil.parseQueryString(value.substring(query + 1));
        String[] segments = path.replaceAll("^/+", "").split("/");
        String type = null;
        String id = null;
        String operation = null;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.startsWith("$")) {
                operation = segment;
                break;
            }
            if (i == 0 && !segment.startsWith("_")) {
                type = segment;
            } else if (i == 1 && !segment.startsWith("_")) {
                id = segment;
            }
        }
        return new EntryUrl(type, id, operation, parameters);
    }

    boolean isSearch() {
        return operation == null && id == null;
    }
}
