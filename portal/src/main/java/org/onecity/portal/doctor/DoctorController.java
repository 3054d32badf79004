package org.onecity.portal.doctor;

import org.onecity.portal.city.PersonNames;
import org.onecity.portal.city.PortalProperties;
import org.onecity.portal.city.ServiceRefused;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The doctor's screens: find a patient, the timeline across hospitals, a result's trend, a study's images, and
 * break-glass when the city record refuses.
 */
@Controller
@RequestMapping("/doctor")
class DoctorController {

    /** DICOM UIDs and FHIR ids only: they are put into the services' URLs (and "." or ".." would be a path step). */
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final int LONGEST_UID = 64;
    private static final Pattern ID = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern LOINC = Pattern.compile("[0-9]{1,7}-[0-9]");

    private final CityRecord record;
    private final ImagingStudies imaging;
    private final BreakGlass breakGlass;
    private final PortalProperties properties;
    private final Recognition recognition;

    DoctorController(CityRecord record, ImagingStudies imaging, BreakGlass breakGlass, PortalProperties properties,
                     Recognition recognition) {
        this.recognition = recognition;
        this.record = record;
        this.imaging = imaging;
        this.breakGlass = breakGlass;
        this.properties = properties;
    }

    @GetMapping
    String search(@RequestParam(required = false) String q, Model model, HttpServletResponse response) {
        model.addAttribute("q", q == null ? "" : q);
        if (new SearchQuery(q).isMistypedCitizenId()) {
            return mistyped(model, response);
        }
        if (q != null && !q.isBlank()) {
            List<PatientMatch> found;
            try {
                found = record.find(q, null);
            } catch (ServiceRefused refused) {
                if (!refused.isForbiddenOrUnknown()) {
                    throw refused;
                }
                // refused and not found read alike: the page offers break-glass either way
                found = List.of();
            }
            model.addAttribute("matches", found);
            model.addAttribute("searched", true);
        }
        return "doctor/search";
    }

    /** A citizen ID with a typing error: said on the page (400), nothing searched. */
    private static String mistyped(Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("mistypedCitizenId", true);
        return "doctor/search";
    }

    /**
     * Searching again past the rules, with a reason in words. The matches are listed with the reason; it is recorded
     * only for the one patient the doctor then opens, not for everyone the search found.
     */
    @PostMapping("/break-glass")
    String breakGlassSearch(@RequestParam String q, @RequestParam(required = false) String reason, Model model,
                            HttpServletResponse response) {
        model.addAttribute("q", q);
        if (new SearchQuery(q).isMistypedCitizenId()) {
            return mistyped(model, response);
        }
        model.addAttribute("searched", true);
        BreakGlassReason checked = BreakGlassReason.of(reason);
        if (checked instanceof BreakGlassReason.Refused refused) {
            model.addAttribute("reasonProblem", refused.messageKey());
            model.addAttribute("matches", List.of());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "doctor/search";
        }
        String accepted = ((BreakGlassReason.Accepted) checked).text();
        model.addAttribute("matches", record.find(q, accepted));
        model.addAttribute("brokeGlass", true);
        model.addAttribute("reason", accepted);
        return "doctor/search";
    }

    /**
     * The timeline. A long history shows its first screen at once and then the whole (htmx loads {@code ?whole=true}
     * into the page; without JavaScript the page links to it).
     */
    @GetMapping("/patients/{id}")
    String timeline(@PathVariable String id, @RequestParam(defaultValue = "false") boolean whole, Model model) {
        requireId(id);
        String reason = breakGlass.reasonFor(id);
        try {
            model.addAttribute("patientName", PersonNames.shown(record.patient(id, reason), LocaleContextHolder.getLocale()));
            CityRecord.FirstScreen first = whole ? null : record.firstScreen(id, reason);
            if (first != null && first.more()) {
                model.addAttribute("page", new CityRecord.TimelinePage(first.timeline(), true));
                model.addAttribute("more", true);
            } else {
                model.addAttribute("page", first != null ? new CityRecord.TimelinePage(first.timeline(), true)
                        : record.timeline(id, reason));
            }
        } catch (ServiceRefused refused) {
            if (!refused.isForbiddenOrUnknown()) {
                throw refused;
            }
            model.addAttribute("patientId", id);
            return "doctor/refused";
        }
        model.addAttribute("patientId", id);
        model.addAttribute("brokeGlass", reason != null);
        return "doctor/timeline";
    }

    /** Breaking the glass for one patient: from the refused page, or opening one match of a break-glass search. */
    @PostMapping("/patients/{id}/break-glass")
    String breakGlass(@PathVariable String id, @RequestParam(required = false) String reason, Model model,
                      HttpServletResponse response) {
        requireId(id);
        BreakGlassReason checked = BreakGlassReason.of(reason);
        if (checked instanceof BreakGlassReason.Refused refused) {
            model.addAttribute("patientId", id);
            model.addAttribute("reasonProblem", refused.messageKey());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "doctor/refused";
        }
        breakGlass.record(id, (BreakGlassReason.Accepted) checked);
        return "redirect:/doctor/patients/" + id;
    }

    @GetMapping("/patients/{id}/order")
    String order(@PathVariable String id, Model model) {
        requireId(id);
        model.addAttribute("patientId", id);
        model.addAttribute("tests", Recognition.ORDERABLE);
        return "doctor/order";
    }

    /** Starting an order asks the city which recent results of other hospitals it recognises for that test. */
    @PostMapping("/patients/{id}/order")
    String orderSelected(@PathVariable String id, @RequestParam String test, Model model) {
        requireId(id);
        if (!Recognition.ORDERABLE.containsKey(test)) {
            throw new ServiceRefused(400, "Not a test the portal orders: " + test);
        }
        model.addAttribute("patientId", id);
        model.addAttribute("tests", Recognition.ORDERABLE);
        model.addAttribute("test", test);
        model.addAttribute("cards", recognition.cardsFor(id, test, breakGlass.reasonFor(id)));
        return "doctor/order";
    }

    @GetMapping("/patients/{id}/trend")
    String trend(@PathVariable String id, @RequestParam String code, Model model) {
        requireId(id);
        if (!LOINC.matcher(code).matches()) {
            throw new ServiceRefused(400, "Not a LOINC code: " + code);
        }
        Trend trend = record.trend(id, code, breakGlass.reasonFor(id));
        model.addAttribute("patientId", id);
        model.addAttribute("trend", trend);
        return "doctor/trend";
    }

    @GetMapping("/patients/{id}/studies/{study}")
    String study(@PathVariable String id, @PathVariable String study, @RequestParam(required = false) String series,
                 @RequestParam(defaultValue = "1") int image, @RequestParam(defaultValue = "as-stored") String preset,
                 Model model) {
        requireId(id);
        requireUid(study);
        String reason = breakGlassReasonForStudy(id, study);
        List<ImagingStudies.Series> allSeries = imaging.series(study, reason);
        if (allSeries.isEmpty()) {
            throw new ServiceRefused(404, "The study has no images");
        }
        ImagingStudies.Series shown = allSeries.stream().filter(s -> s.uid().equals(series)).findFirst()
                .orElse(allSeries.get(0));
        List<ImagingStudies.Image> images = imaging.images(study, shown.uid(), reason);
        if (images.isEmpty()) {
            throw new ServiceRefused(404, "The series has no images");
        }
        int index = Math.max(1, Math.min(image, images.size()));
        model.addAttribute("patientId", id);
        model.addAttribute("study", study);
        model.addAttribute("allSeries", allSeries);
        model.addAttribute("series", shown);
        model.addAttribute("images", images);
        model.addAttribute("index", index);
        model.addAttribute("current", images.get(index - 1));
        model.addAttribute("preset", WindowPreset.named(preset));
        model.addAttribute("presets", WindowPreset.values());
        if (properties.viewerUrl() != null && !properties.viewerUrl().isBlank()) {
            model.addAttribute("viewerUrl", properties.viewerUrl().replace("{study}", study));
        }
        return "doctor/study";
    }

    /** A rendered frame, fetched with the doctor's token: the browser never talks to the imaging service. */
    @GetMapping(value = "/patients/{id}/studies/{study}/series/{series}/instances/{instance}/frame.png",
            produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> frame(@PathVariable String id, @PathVariable String study, @PathVariable String series,
                                 @PathVariable String instance, @RequestParam(defaultValue = "as-stored") String preset) {
        requireId(id);
        requireUid(study);
        requireUid(series);
        requireUid(instance);
        byte[] png = imaging.rendered(study, series, instance, WindowPreset.named(preset),
                breakGlassReasonForStudy(id, study));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG).body(png);
    }

    /**
     * The patient's break-glass reason, for imaging only when the study is that patient's: the reason must not open
     * another patient's study named in the address. Without a reason the services' own rules decide.
     */
    private String breakGlassReasonForStudy(String id, String study) {
        String reason = breakGlass.reasonFor(id);
        if (reason != null && !record.hasStudy(id, study, reason)) {
            throw new ServiceRefused(404, "No such study of this patient");
        }
        return reason;
    }

    private static void requireId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new ServiceRefused(400, "Not a record id: " + id);
        }
    }

    private static void requireUid(String uid) {
        if (uid.length() > LONGEST_UID || !UID.matcher(uid).matches()) {
            throw new ServiceRefused(400, "Not a DICOM UID: " + uid);
        }
    }
}
