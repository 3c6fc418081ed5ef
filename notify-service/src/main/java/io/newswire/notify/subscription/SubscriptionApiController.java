package io.newswire.notify.subscription;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signup flow as JSON, for a site that draws its own form: the same rules as the pages
 * (honeypot, rate limit, one confirmation per 10 minutes, never telling whether an address is
 * known). Public: every call after the signup is authorised by the signed token from an email,
 * never by an API key. Errors are RFC 9457 problems.
 */
@RestController
@RequestMapping("/api/v1/subscriptions")
class SubscriptionApiController {

    private final Subscriptions subscriptions;
    private final SubscriptionInput input;
    private final SignupLimiter limiter;

    SubscriptionApiController(Subscriptions subscriptions, SubscriptionInput input, SignupLimiter limiter) {
        this.subscriptions = subscriptions;
        this.input = input;
        this.limiter = limiter;
    }

    /** A signup as a site's own form sends it; {@code website} is the honeypot and must stay empty. */
    record SignupRequest(String email, List<String> topics, String frequency, String website) {

        @Override
        public String toString() {
            return "SignupRequest[topics=" + topics + ", frequency=" + frequency + "]";
        }
    }

    record PreferencesRequest(List<String> topics, String frequency) {
    }

    record TokenRequest(String token) {
    }

    record Status(String status) {
    }

    /** One entry of a 422 problem's {@code errors}: a field and what is wrong with it (never its value). */
    record FieldError(String field, String message) {
    }

    record Confirmed(String status, String preferencesToken) {
    }

    record PreferencesView(List<String> topics, String frequency, String status) {

        static PreferencesView of(Subscriptions.Subscriber subscriber) {
            return new PreferencesView(subscriber.preferences().topics(), subscriber.preferences().frequency().value(),
                    subscriber.status());
        }
    }

    @PostMapping
    ResponseEntity<?> signUp(@RequestBody SignupRequest body, HttpServletRequest request) {
        OptionalLong retryAfter = limiter.tryTake(request.getRemoteAddr());
        if (retryAfter.isPresent()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many signups from this network; try again in " + retryAfter.getAsLong() + " seconds.");
            problem.setTitle("Too many signups");
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.getAsLong())).body(problem);
        }
        if (body.website() != null && !body.website().isEmpty()) {
            return pending();
        }
        SubscriptionInput.Checked<Signup> signup = input.signup(body.email(), body.topics(), body.frequency());
        if (!signup.isValid()) {
            return invalid(signup.errors());
        }
        return switch (subscriptions.signUp(signup.value())) {
            case MAILED, RECENTLY_MAILED -> pending();
            case MAIL_FAILED -> {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                        "The confirmation email could not be sent; try again in a few minutes.");
                problem.setTitle("Email not sent");
                yield ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
            }
        };
    }

    @PostMapping("/confirm")
    ResponseEntity<?> confirm(@RequestBody TokenRequest body) {
        return subscriptions.confirm(body.token())
                .<ResponseEntity<?>>map(subscriber -> ResponseEntity.ok(
                        new Confirmed("confirmed", subscriptions.preferencesToken(subscriber.id()))))
                .orElseGet(SubscriptionApiController::invalidToken);
    }

    @GetMapping("/preferences")
    ResponseEntity<?> preferences(@RequestParam(required = false) String token) {
        return subscriptions.preferences(token)
                .<ResponseEntity<?>>map(subscriber -> ResponseEntity.ok(PreferencesView.of(subscriber)))
                .orElseGet(SubscriptionApiController::invalidToken);
    }

    @PutMapping("/preferences")
    ResponseEntity<?> savePreferences(@RequestParam(required = false) String token, @RequestBody PreferencesRequest body) {
        if (subscriptions.preferences(token).isEmpty()) {
            return invalidToken();
        }
        SubscriptionInput.Checked<Preferences> preferences = input.preferences(body.topics(), body.frequency());
        if (!preferences.isValid()) {
            return invalid(preferences.errors());
        }
        return subscriptions.savePreferences(token, preferences.value())
                .<ResponseEntity<?>>map(subscriber -> ResponseEntity.ok(PreferencesView.of(subscriber)))
                .orElseGet(SubscriptionApiController::invalidToken);
    }

    /** Leaves the newsletter; takes the token of an unsubscribe link or of a preferences link. */
    @DeleteMapping
    ResponseEntity<?> leave(@RequestParam(required = false) String token) {
        return subscriptions.leave(token) ? ResponseEntity.noContent().build() : invalidToken();
    }

    private static ResponseEntity<?> pending() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Status("pending"));
    }

    private static ResponseEntity<?> invalid(Map<String, String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "Invalid field(s): " + String.join(", ", errors.keySet()));
        problem.setTitle("Invalid subscription");
        problem.setProperty("errors", errors.entrySet().stream()
                .map(error -> new FieldError(error.getKey(), error.getValue()))
                .toList());
        return ResponseEntity.unprocessableContent().body(problem);
    }

    private static ResponseEntity<?> invalidToken() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The token is not valid or has expired.");
        problem.setTitle("Invalid token");
        return ResponseEntity.badRequest().body(problem);
    }
}
