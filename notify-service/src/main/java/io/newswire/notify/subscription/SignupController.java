package io.newswire.notify.subscription;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Signing up on the website, without JavaScript: {@code GET /subscribe} shows the form,
 * {@code POST /subscribe} records the signup and mails a confirmation link, and
 * {@code GET /subscribe/confirm?token=…} (the link) confirms it.
 *
 * <p>Whatever the address's history, a valid signup is answered with the same "Check your inbox"
 * page, so the form never tells anyone whether an address is subscribed. So is a filled-in
 * honeypot field, which only robots see: they get no hint that nothing was stored or sent.
 */
@Controller
class SignupController {

    private final Subscriptions subscriptions;
    private final SubscriptionInput input;
    private final SignupLimiter limiter;
    private final SubscriptionProperties properties;

    SignupController(Subscriptions subscriptions, SubscriptionInput input, SignupLimiter limiter,
            SubscriptionProperties properties) {
        this.subscriptions = subscriptions;
        this.input = input;
        this.limiter = limiter;
        this.properties = properties;
    }

    @GetMapping(path = "/subscribe", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView form() {
        return form(HttpStatus.OK, "", List.of(), Frequency.EACH.value(), Map.of());
    }

    @PostMapping(path = "/subscribe", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView signUp(@RequestParam(required = false) String email, @RequestParam(required = false) List<String> topics,
            @RequestParam(required = false) String frequency, @RequestParam(required = false) String website,
            HttpServletRequest request, HttpServletResponse response) {
        OptionalLong retryAfter = limiter.tryTake(request.getRemoteAddr());
        if (retryAfter.isPresent()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.getAsLong()));
            return SubscriptionPages.page("too-many", HttpStatus.TOO_MANY_REQUESTS)
                    .addObject("retryAfter", SubscriptionPages.minutes(retryAfter.getAsLong()));
        }
        if (website != null && !website.isEmpty()) {
            return checkInbox();
        }
        SubscriptionInput.Checked<Signup> signup = input.signup(email, topics, frequency);
        if (!signup.isValid()) {
            return form(HttpStatus.UNPROCESSABLE_CONTENT, email == null ? "" : email, topics, frequency, signup.errors());
        }
        return switch (subscriptions.signUp(signup.value())) {
            case MAILED, RECENTLY_MAILED -> checkInbox();
            case MAIL_FAILED -> SubscriptionPages.page("mail-failed", HttpStatus.SERVICE_UNAVAILABLE);
        };
    }

    @GetMapping(path = "/subscribe/confirm", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView confirm(@RequestParam(required = false) String token) {
        return subscriptions.confirm(token)
                .map(subscriber -> SubscriptionPages.page("subscribed", HttpStatus.OK)
                        .addObject("preferencesToken", subscriptions.preferencesToken(subscriber.id()))
                        .addObject("frequencyDescription", subscriber.preferences().frequency().description()))
                .orElseGet(SubscriptionPages::invalidLink);
    }

    private ModelAndView checkInbox() {
        return SubscriptionPages.page("check-inbox", HttpStatus.OK)
                .addObject("lifetime", SubscriptionEmails.humanDuration(properties.confirmationLifetime()));
    }

    private ModelAndView form(HttpStatus status, String email, List<String> topics, String frequency, Map<String, String> errors) {
        ModelAndView page = SubscriptionPages.page("subscribe", status).addObject("email", email);
        SubscriptionPages.choices(page, properties.topics(), topics, frequency);
        SubscriptionPages.errors(page, errors);
        return page;
    }
}
