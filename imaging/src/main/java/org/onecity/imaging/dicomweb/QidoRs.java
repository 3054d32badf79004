package org.onecity.imaging.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onecity.common.security.CityPrincipal;
import org.onecity.imaging.ImagingSettings;
import org.onecity.imaging.access.AccessLog;
import org.onecity.imaging.access.ImagingAccess;
import org.onecity.imaging.index.StudyReads;
import org.onecity.imaging.query.Attr;
import org.onecity.imaging.query.Match;
import org.onecity.imaging.query.QueryLevel;
import org.onecity.imaging.query.StudyQuery;
import org.onecity.imaging.query.StudySearch;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * QIDO-RS (PS3.18 10.6): studies, series and instances searched with DICOM matching, paged with limit/offset,
 * widened with includefield. Answers in the DICOM JSON model.
 */
@RestController
@RequestMapping(path = "/dicomweb", produces = {StowRs.DICOM_JSON, MediaType.APPLICATION_JSON_VALUE})
class QidoRs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CONTROL = Set.of("limit", "offset", "includefield", "fuzzymatching");
    private static final Pattern TAG = Pattern.compile("[0-9A-Fa-f]{8}");

    private final StudySearch search;
    private final ImagingAccess access;
    private final AccessLog accessLog;
    private final ImagingSettings settings;
    private final StudyReads reads;

    QidoRs(StudySearch search, ImagingAccess access, AccessLog accessLog, ImagingSettings settings, StudyReads reads) {
        this.search = search;
        this.access = access;
        this.accessLog = accessLog;
        this.settings = settings;
        this.reads = reads;
    }

    @GetMapping("/studies")
    ResponseEntity<String> studies(@RequestParam MultiValueMap<String, String> parameters) {
        return answer(QueryLevel.STUDY, parameters, Map.of());
    }

    @GetMapping("/series")
    ResponseEntity<String> series(@RequestParam MultiValueMap<String, String> parameters) {
        return answer(QueryLevel.SERIES, parameters, Map.of());
    }

    @GetMapping("/instances")
    ResponseEntity<String> instances(@RequestParam MultiValueMap<String, String> parameters) {
        return answer(QueryLevel.IMAGE, parameters, Map.of());
    }

    @GetMapping("/studies/{study}/series")
    ResponseEntity<String> seriesOfStudy(@PathVariable String study, @RequestParam MultiValueMap<String, String> parameters) {
        return answer(QueryLevel.SERIES, parameters, Map.of(Attr.STUDY_UID, study));
    }

    @GetMapping("/studies/{study}/instances")
    ResponseEntity<String> instancesOfStudy(@PathVariable String study,
                                            @RequestParam MultiValueMap<String, String> parameters) {
        return answer(QueryLevel.IMAGE, parameters, Map.of(Attr.STUDY_UID, study));
    }

    @GetMapping("/studies/{study}/series/{series}/instances")
    ResponseEntity<String> instancesOfSeries(@PathVariable String study, @PathVariable String series,
                                             @RequestParam MultiValueMap<String, String> parameters) {
        return answer(QueryLevel.IMAGE, parameters, Map.of(Attr.STUDY_UID, study, Attr.SERIES_UID, series));
    }

    private ResponseEntity<String> answer(QueryLevel level, MultiValueMap<String, String> parameters,
                                          Map<Attr, String> fromPath) {
        CityPrincipal who = CityPrincipal.current().orElseThrow();
        ImagingAccess.ReadScope scope = access.readScope(who);
        StudyQuery query = query(level, parameters, fromPath, scope.hospitals());
        List<Match> found = search.find(query);
        // for doctors and patients, the city record decides study by study (within the page asked for)
        List<String> studies = found.stream().map(m -> m.uid(Attr.STUDY_UID)).filter(Objects::nonNull).distinct().toList();
        Set<String> visible = scope.viaCityRecord()
                ? access.visible(scope, reads.hospitalsOf(studies), ImagingAccess.currentToken()) : Set.copyOf(studies);
        List<Match> matches = found.stream().filter(m -> visible.contains(m.uid(Attr.STUDY_UID))).toList();
        accessLog.read(who, "search-" + level.name().toLowerCase(),
                matches.stream().map(m -> m.uid(Attr.STUDY_UID)).filter(java.util.Objects::nonNull).toList(),
                parameters.toString());
        ArrayNode body = JSON.createArrayNode();
        boolean all = query.otherTags().contains("all");
        for (Match match : matches) {
            ObjectNode item = body.addObject();
            if (match.metadata() != null) {
                merge(item, match.metadata(), all ? null : query.otherTags());
            }
            match.values().forEach((attr, value) -> QueryJson.put(item, attr, value));
            QueryJson.putString(item, "00081190", "UR", retrieveUrl(level, match));
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(StowRs.DICOM_JSON)).body(body.toString());
    }

    private StudyQuery query(QueryLevel level, MultiValueMap<String, String> parameters, Map<Attr, String> fromPath,
                             Set<String> hospitals) {
        Map<Attr, String> matching = new EnumMap<>(Attr.class);
        matching.putAll(fromPath);
        Set<Attr> returning = EnumSet.noneOf(Attr.class);
        Set<String> otherTags = new LinkedHashSet<>();
        for (var parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (CONTROL.contains(name)) {
                continue;
            }
            Attr attr = Attr.named(name).orElseThrow(() -> new IllegalArgumentException(
                    "Cannot match on " + name + ": not a parameter or an attribute this archive indexes"));
            matching.put(attr, String.join(",", parameter.getValue()));
        }
        for (String fields : parameters.getOrDefault("includefield", List.of())) {
            for (String field : fields.split(",")) {
                String name = field.trim();
                if (name.equals("all")) {
                    otherTags.add("all");
                    returning.addAll(EnumSet.allOf(Attr.class));
                } else if (Attr.named(name).isPresent()) {
                    returning.add(Attr.named(name).get());
                } else if (TAG.matcher(name).matches()) {
                    otherTags.add(name.toUpperCase());
                } else if (!name.isEmpty()) {
                    throw new IllegalArgumentException("includefield " + name + " is neither a tag nor a known keyword");
                }
            }
        }
        return new StudyQuery(level, matching, returning, level == QueryLevel.IMAGE ? otherTags : Set.of(),
                integer(parameters, "limit", 100), integer(parameters, "offset", 0), hospitals);
    }

    private String retrieveUrl(QueryLevel level, Match match) {
        String url = settings.publicUrl() + "/studies/" + match.uid(Attr.STUDY_UID);
        if (level == QueryLevel.STUDY) {
            return url;
        }
        url += "/series/" + match.uid(Attr.SERIES_UID);
        return level == QueryLevel.SERIES ? url : url + "/instances/" + match.uid(Attr.SOP_INSTANCE_UID);
    }

    private static void merge(ObjectNode item, String metadata, Set<String> tags) {
        try {
            JsonNode instance = JSON.readTree(metadata);
            instance.fields().forEachRemaining(field -> {
                if (tags == null || tags.contains(field.getKey())) {
                    item.set(field.getKey(), field.getValue());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int integer(MultiValueMap<String, String> parameters, String name, int fallback) {
        String value = parameters.getFirst(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not " + value);
        }
    }
}
