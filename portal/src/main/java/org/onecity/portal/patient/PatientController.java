package org.onecity.portal.patient;

import com.fasterxml.jackson.databind.JsonNode;
import org.onecity.portal.city.ServiceRefused;
import org.onecity.portal.doctor.CityRecord;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;

/** The patient's screens: records, the stay's charges and bills, paying once, who looked, and sharing. */
@Controller
@RequestMapping("/patient")
class PatientController {

    private final CityRecord record;
    private final Billing billing;
    private final CityRecordOfPatient own;
    private final PaymentKeys paymentKeys;

    PatientController(CityRecord record, Billing billing, CityRecordOfPatient own, PaymentKeys paymentKeys) {
        this.record = record;
        this.billing = billing;
        this.own = own;
        this.paymentKeys = paymentKeys;
    }

    @GetMapping("/records")
    String records(Model model) {
        CityRecord.TimelinePage page = record.ownTimeline();
        model.addAttribute("page", page);
        model.addAttribute("timeline", page.timeline());
        return "patient/records";
    }

    @GetMapping("/bills")
    String bills(Model model) {
        List<Billing.Card> cards = new ArrayList<>();
        billing.cardNumbers().forEach(number -> cards.add(billing.card(number)));
        model.addAttribute("cards", cards);
        return "patient/bills";
    }

    @GetMapping("/bills/{id}")
    String bill(@PathVariable long id, Model model) {
        Billing.Bill bill = billing.bill(id).orElseThrow();
        model.addAttribute("bill", bill);
        model.addAttribute("steps", SplitExplanation.of(bill.split()));
        if (bill.paid()) {
            billing.cardNumbers().stream().map(billing::card).flatMap(card -> card.payments().stream())
                    .filter(p -> p.billId() == id && p.captured()).findFirst()
                    .ifPresent(p -> model.addAttribute("receipt", p));
        } else {
            model.addAttribute("paymentKey", paymentKeys.forBill(id));
        }
        return "patient/bill";
    }

    /**
     * Pays the bill's patient share as billing states it now (the form carries no amount). The key was made for this
     * bill when it was shown, so pressing twice or sending the form again pays once. After a definitive refusal the
     * bill gets a new key; when the outcome is unknown it keeps it, so trying again cannot pay twice.
     */
    @PostMapping("/bills/{id}/payment")
    String pay(@PathVariable long id, @RequestParam String key, RedirectAttributes redirect) {
        if (!paymentKeys.issued(id, key)) {
            redirect.addFlashAttribute("problem", "payment.stale-form");
            return "redirect:/patient/bills/" + id;
        }
        Billing.Bill bill = billing.bill(id).orElseThrow();
        if (bill.paid()) {
            return "redirect:/patient/bills/" + id;
        }
        try {
            JsonNode receipt = billing.pay(id, bill.split().patient(), key);
            redirect.addFlashAttribute("paidNow", receipt.path("receiptNumber").asText());
        } catch (ServiceRefused refused) {
            paymentKeys.afterRefusal(id, refused.status());
            if (refused.status() >= 500) {
                // billing's own detail of a failure is not for the patient
                redirect.addFlashAttribute("problem", "payment.unavailable");
            } else {
                redirect.addFlashAttribute("problemText", refused.getMessage());
            }
        } catch (RestClientException noAnswer) {
            redirect.addFlashAttribute("problem", "payment.unavailable");
        }
        return "redirect:/patient/bills/" + id;
    }

    @GetMapping("/access-log")
    String accessLog(Model model) {
        model.addAttribute("entries", own.accessLog(100));
        return "patient/access-log";
    }

    @GetMapping("/sharing")
    String sharing(Model model) {
        model.addAttribute("optedOut", own.optedOut());
        return "patient/sharing";
    }

    @PostMapping("/sharing")
    String changeSharing(@RequestParam String choice) {
        if ("opt-out".equals(choice)) {
            own.optOut();
        } else if ("share".equals(choice)) {
            own.optIn();
        }
        return "redirect:/patient/sharing";
    }
}
