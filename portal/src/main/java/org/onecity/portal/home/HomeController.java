package org.onecity.portal.home;

import org.onecity.portal.city.ServiceRefused;
import org.onecity.portal.signin.Person;
import org.onecity.portal.signin.PersonTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.client.RestClientException;

import jakarta.servlet.http.HttpServletResponse;

/** The start page: a sign-in link, or the signed-in person's screens. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "home";
    }

    /** What every page knows: who is signed in. A service's refusal becomes a page with its reason. */
    @ControllerAdvice
    static class EveryPage {

        private static final Logger log = LoggerFactory.getLogger(EveryPage.class);

        @ModelAttribute("person")
        Person person() {
            return Person.current().orElse(null);
        }

        /** The page's own address with the other language, for the switch on every page. */
        @ModelAttribute("languages")
        java.util.Map<String, String> languages(jakarta.servlet.http.HttpServletRequest request) {
            return switchLanguage(request);
        }

        static java.util.Map<String, String> switchLanguage(jakarta.servlet.http.HttpServletRequest request) {
            String query = request.getQueryString() == null ? "" : java.util.Arrays.stream(request.getQueryString().split("&"))
                    .filter(p -> !p.startsWith("lang=")).reduce((a, b) -> a + "&" + b).orElse("");
            String page = "GET".equals(request.getMethod()) ? request.getRequestURI() : "/";
            query = "GET".equals(request.getMethod()) ? query : "";
            String base = page + "?" + (query.isEmpty() ? "" : query + "&");
            return java.util.Map.of("zh-CN", base + "lang=zh-CN", "en", base + "lang=en");
        }

        @ExceptionHandler(ServiceRefused.class)
        String refused(ServiceRefused refused, Model model, HttpServletResponse response,
                       jakarta.servlet.http.HttpServletRequest request) {
            model.addAttribute("languages", switchLanguage(request));
            log.info("A service refused: {} {}", refused.status(), refused.getMessage());
            response.setStatus(refused.status() >= 500 ? HttpStatus.BAD_GATEWAY.value() : refused.status());
            model.addAttribute("person", Person.current().orElse(null));
            model.addAttribute("reason", refused.getMessage());
            model.addAttribute("unavailable", refused.status() >= 500);
            return "problem";
        }

        /**
         * A service did not answer (connection refused, a timeout): the portal's own page, with its header and a way
         * to try again, not the bare error page.
         */
        @ExceptionHandler(RestClientException.class)
        String unavailable(RestClientException failure, Model model, HttpServletResponse response,
                           jakarta.servlet.http.HttpServletRequest request) {
            log.warn("A service did not answer: {}", failure.getMessage());
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            model.addAttribute("languages", switchLanguage(request));
            model.addAttribute("person", Person.current().orElse(null));
            model.addAttribute("unavailable", true);
            if ("GET".equals(request.getMethod())) {
                model.addAttribute("retry", request.getRequestURI()
                        + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
            }
            return "problem";
        }

        /** The session's tokens could not be refreshed (the issuer's session ended): sign in again. */
        @ExceptionHandler({PersonTokens.SignInAgain.class,
                org.springframework.security.oauth2.core.OAuth2AuthorizationException.class})
        String signInAgain() {
            return "redirect:/oauth2/authorization/city";
        }
    }
}
