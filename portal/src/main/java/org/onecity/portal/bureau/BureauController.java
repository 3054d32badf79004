package org.onecity.portal.bureau;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The health bureau's screens: hospitals' intake over time, the imaging mirror and the batch, possible matches. */
@Controller
@RequestMapping("/bureau")
class BureauController {

    /** The windows the intake page offers, in days; two weeks unless asked. */
    static final List<Integer> WINDOWS = List.of(7, 14, 30, 90);
    static final int DEFAULT_WINDOW = 14;

    private final BureauFigures figures;
    private final MessageSource messages;

    BureauController(BureauFigures figures, MessageSource messages) {
        this.figures = figures;
        this.messages = messages;
    }

    @GetMapping("/intake")
    String intake(@RequestParam(required = false) String days, Model model, Locale locale) {
        int window = DEFAULT_WINDOW;
        if (days != null) {
            Integer asked = WINDOWS.stream().filter(w -> String.valueOf(w).equals(days.strip())).findFirst().orElse(null);
            if (asked == null) {
                model.addAttribute("problem", "bureau.intake.days-invalid");
            } else {
                window = asked;
            }
        }
        IntakeReport report = figures.intake(window);
        Map<String, String> charts = new LinkedHashMap<>();
        for (IntakeReport.Hospital hospital : report.hospitals()) {
            charts.put(hospital.code(), IntakeChart.svg("intake-" + hospital.code(), hospital, new IntakeChart.Labels(
                    messages.getMessage("bureau.intake.chart", new Object[] {hospital.code(), window}, locale),
                    messages.getMessage("bureau.intake.accepted", null, locale),
                    messages.getMessage("bureau.intake.refused", null, locale))));
        }
        model.addAttribute("report", report);
        model.addAttribute("charts", charts);
        model.addAttribute("window", window);
        model.addAttribute("windows", WINDOWS);
        return "bureau/intake";
    }

    @GetMapping("/operations")
    String operations(Model model) {
        model.addAttribute("backlog", figures.mirrorBacklog());
        model.addAttribute("jobs", figures.jobs());
        return "bureau/operations";
    }

    /** The jobs alone, for the page to refresh while a job runs. */
    @GetMapping("/operations/jobs")
    String jobs(Model model) {
        model.addAttribute("jobs", figures.jobs());
        return "bureau/operations :: jobs";
    }

    @GetMapping("/matches")
    String matches(Model model) {
        BureauFigures.Matches matches = figures.possibleMatches();
        model.addAttribute("pairs", matches.pairs());
        model.addAttribute("total", matches.total());
        model.addAttribute("partial", matches.partial());
        return "bureau/matches";
    }
}
