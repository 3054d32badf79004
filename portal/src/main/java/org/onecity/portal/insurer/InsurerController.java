package org.onecity.portal.insurer;

import jakarta.servlet.http.HttpServletResponse;
import org.onecity.portal.city.ServiceRefused;
import org.onecity.portal.signin.Person;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * The insurer's screens: the settlement runs with their progress, its settlements per hospital with their files, and
 * sending its statement back with the discrepancies it leaves.
 */
@Controller
@RequestMapping("/insurer")
class InsurerController {

    /** Statements are read whole to be checked: at most this many at once, so memory stays bounded. */
    private final Semaphore uploads = new Semaphore(2);

    private final InsurerBatch batch;
    private final MessageSource messages;

    InsurerController(InsurerBatch batch, MessageSource messages) {
        this.batch = batch;
        this.messages = messages;
    }

    @GetMapping
    String settlements(@RequestParam(required = false) String day, Model model) {
        String insurer = insurer();
        List<SettledDay> days = batch.days(insurer);
        Optional<SettledDay> shown = day(day).flatMap(d -> days.stream().filter(s -> s.period().equals(d)).findFirst())
                .or(() -> days.stream().findFirst());
        model.addAttribute("days", days);
        shown.ifPresent(s -> {
            model.addAttribute("shown", s);
            model.addAttribute("chart", SettlementChart.svg(text("insurer.chart.title", s.period()),
                    text("insurer.fund"), text("insurer.personal-account"), s.hospitals(),
                    LocaleContextHolder.getLocale()));
        });
        runs(model);
        return "insurer/settlements";
    }

    /** The runs alone, for the page to refresh while one runs. */
    @GetMapping("/runs")
    String runs(Model model) {
        List<Run> runs = batch.runs(insurer());
        model.addAttribute("runs", runs);
        model.addAttribute("running", runs.stream().anyMatch(Run::running));
        return "insurer/runs :: runs";
    }

    @GetMapping("/files/{day}/{file:totals\\.tsv|detail\\.tsv}")
    void settlementFile(@PathVariable String day, @PathVariable String file, HttpServletResponse response)
            throws IOException {
        LocalDate period = requiredDay(day);
        Download out = new Download(response, "text/tab-separated-values;charset=UTF-8",
                insurer() + "-" + period + "-" + file);
        batch.settlementFile(insurer(), period, file, out);
        out.finish();
    }

    @GetMapping("/reports/{day}/{file:discrepancies\\.csv|statement-errors\\.txt}")
    void reportFile(@PathVariable String day, @PathVariable String file, HttpServletResponse response)
            throws IOException {
        LocalDate period = requiredDay(day);
        Download out = new Download(response, file.endsWith(".csv") ? "text/csv;charset=UTF-8"
                : "text/plain;charset=UTF-8", insurer() + "-" + period + "-" + file);
        batch.reportFile(insurer(), period, file, out);
        out.finish();
    }

    @GetMapping("/reconciliation")
    String reconciliation(@RequestParam(required = false) String day, @RequestParam(required = false) Long run,
                          Model model) {
        String insurer = insurer();
        List<SettledDay> days = batch.days(insurer);
        LocalDate shown = day(day).orElse(days.isEmpty() ? null : days.get(0).period());
        model.addAttribute("days", days);
        model.addAttribute("day", shown);
        if (shown != null) {
            days.stream().filter(d -> d.period().equals(shown)).findFirst().ifPresent(d -> model.addAttribute("settled", d));
            batch.report(insurer, shown).ifPresent(report -> model.addAttribute("report", report));
        }
        if (run != null) {
            batch.run(insurer, run).ifPresent(r -> model.addAttribute("run", r));
        }
        return "insurer/reconciliation";
    }

    /** The reconciliation run's state alone, for the page to refresh while it runs. */
    @GetMapping("/reconciliation/runs/{id}")
    String reconciliationRun(@PathVariable long id, @RequestParam String day, Model model) {
        batch.run(insurer(), id).ifPresent(r -> model.addAttribute("run", r));
        model.addAttribute("day", requiredDay(day));
        return "insurer/reconciliation :: run";
    }

    /**
     * Sends the statement after checking each file's shape here: a file that is too large, empty, not text or not
     * tab-separated in the platform's columns is refused with its reason and nothing reaches the batch.
     */
    @PostMapping("/reconciliation")
    String sendStatement(@RequestParam String day, @RequestParam("totals") MultipartFile totals,
                         @RequestParam("detail") MultipartFile detail, RedirectAttributes redirect) throws IOException {
        Optional<LocalDate> period = day(day);
        if (period.isEmpty()) {
            redirect.addFlashAttribute("problem", text("statement.bad-day"));
            return "redirect:/insurer/reconciliation";
        }
        Optional<StatementUpload.Refusal> refusal = StatementUpload.tooLarge("totals", totals.getSize())
                .or(() -> StatementUpload.tooLarge("detail", detail.getSize()));
        if (refusal.isPresent()) {
            return refuse(refusal.get(), period.get(), redirect);
        }
        if (!uploads.tryAcquire()) {
            return refuse(new StatementUpload.Refusal("statement.busy"), period.get(), redirect);
        }
        try {
            StatementUpload totalsFile = new StatementUpload("totals", totals.getBytes());
            StatementUpload detailFile = new StatementUpload("detail", detail.getBytes());
            refusal = totalsFile.check(StatementUpload.TOTALS_COLUMNS)
                    .or(() -> detailFile.check(StatementUpload.DETAIL_COLUMNS));
            if (refusal.isPresent()) {
                return refuse(refusal.get(), period.get(), redirect);
            }
            long run = batch.sendStatement(insurer(), period.get(), totalsFile, detailFile);
            return "redirect:/insurer/reconciliation?day=" + period.get() + "&run=" + run;
        } finally {
            uploads.release();
        }
    }

    private String refuse(StatementUpload.Refusal refusal, LocalDate day, RedirectAttributes redirect) {
        redirect.addFlashAttribute("problem", text(refusal.key(), refusal.arguments()));
        return "redirect:/insurer/reconciliation?day=" + day;
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }

    private static String insurer() {
        return Person.current().map(Person::insurer).filter(code -> !code.isBlank())
                .orElseThrow(() -> new ServiceRefused(403, "The signed-in person acts for no insurer"));
    }

    private static Optional<LocalDate> day(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static LocalDate requiredDay(String text) {
        return day(text).orElseThrow(() -> new ServiceRefused(400, "A day is yyyy-MM-dd"));
    }

    /**
     * The answer to a download, its headers set when the first bytes arrive: when the batch refuses instead, the
     * person gets the portal's page with the reason, not a file holding it.
     */
    private static final class Download extends OutputStream {

        private final HttpServletResponse response;
        private final String type;
        private final String name;
        private OutputStream out;

        Download(HttpServletResponse response, String type, String name) {
            this.response = response;
            this.type = type;
            this.name = name;
        }

        @Override
        public void write(int b) throws IOException {
            start().write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            start().write(bytes, offset, length);
        }

        private OutputStream start() throws IOException {
            if (out == null) {
                response.setContentType(type);
                response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString());
                out = response.getOutputStream();
            }
            return out;
        }

        /** After the whole file: an empty one still goes out as a file. */
        void finish() throws IOException {
            start().flush();
        }
    }
}
