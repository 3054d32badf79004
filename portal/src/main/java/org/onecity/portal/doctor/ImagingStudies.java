package org.onecity.portal.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import org.onecity.portal.city.CityServices;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A study's series and images, from the imaging service's QIDO-RS, asked with the doctor's token. */
@Component
class ImagingStudies {

    private final CityServices services;

    ImagingStudies(CityServices services) {
        this.services = services;
    }

    record Series(String uid, String description, String modality, int images) {
    }

    record Image(String uid, int number) {
    }

    List<Series> series(String study, String breakGlassReason) {
        List<Series> series = new ArrayList<>();
        for (JsonNode s : services.imaging("/studies/" + study + "/series", breakGlassReason)) {
            series.add(new Series(value(s, "0020000E"), value(s, "0008103E"), value(s, "00080060"),
                    Integer.parseInt(valueOr(s, "00201209", "0"))));
        }
        series.sort(Comparator.comparing(Series::uid));
        return series;
    }

    List<Image> images(String study, String series, String breakGlassReason) {
        List<Image> images = new ArrayList<>();
        for (JsonNode i : services.imaging("/studies/" + study + "/series/" + series + "/instances", breakGlassReason)) {
            images.add(new Image(value(i, "00080018"), Integer.parseInt(valueOr(i, "00200013", "0"))));
        }
        images.sort(Comparator.comparingInt(Image::number).thenComparing(Image::uid));
        return images;
    }

    byte[] rendered(String study, String series, String instance, WindowPreset preset, String breakGlassReason) {
        String path = "/studies/" + study + "/series/" + series + "/instances/" + instance + "/rendered"
                + preset.window().map(w -> "?window=" + w).orElse("");
        return services.imagingPng(path, breakGlassReason);
    }

    private static String value(JsonNode attributes, String tag) {
        return valueOr(attributes, tag, "");
    }

    private static String valueOr(JsonNode attributes, String tag, String otherwise) {
        JsonNode value = attributes.path(tag).path("Value").path(0);
        return value.isMissingNode() || value.isNull() ? otherwise : value.asText();
    }
}
