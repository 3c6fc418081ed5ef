package io.newswire.notify.subscription;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * A subscriber's own page, reached by the signed link in every email ({@code /preferences?token=…},
 * a PREFERENCES token): topics and frequency to change, and a button to leave, which posts to
 * {@code /unsubscribe} like the mailbox providers' one-click button.
 */
@Controller
class PreferencesController {

    private final Subscriptions subscriptions;
    private final SubscriptionInput input;
    private final SubscriptionProperties properties;

    PreferencesController(Subscriptions subscriptions, SubscriptionInput input, SubscriptionProperties properties) {
        this.subscriptions = subscriptions;
        this.input = input;
        this.properties = properties;
    }

    @GetMapping(path = "/preferences", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView preferences(@RequestParam(required = false) String token) {
        return subscriptions.preferences(token)
                .map(subscriber -> form(HttpStatus.OK, token, subscriber, subscriber.preferences().topics(),
                        subscriber.preferences().frequency().value(), Map.of()))
                .orElseGet(SubscriptionPages::invalidLink);
    }

    @PostMapping(path = "/preferences", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView save(@RequestParam(required = false) String token, @RequestParam(required = false) List<String> topics,
            @RequestParam(required = false) String frequency) {
        Optional<Subscriptions.Subscriber> subscriber = subscriptions.preferences(token);
        if (subscriber.isEmpty()) {
            return SubscriptionPages.invalidLink();
        }
        SubscriptionInput.Checked<Preferences> preferences = input.preferences(topics, frequency);
        if (!preferences.isValid()) {
            return form(HttpStatus.UNPROCESSABLE_CONTENT, token, subscriber.get(), topics, frequency, preferences.errors());
        }
        return subscriptions.savePreferences(token, preferences.value())
                .map(saved -> SubscriptionPages.page("saved", HttpStatus.OK)
                        .addObject("token", token)
                        .addObject("chosenTopics", labels(saved.preferences().topics()))
                        .addObject("frequencyLabel", saved.preferences().frequency().label()))
                .orElseGet(SubscriptionPages::invalidLink);
    }

    private ModelAndView form(HttpStatus status, String token, Subscriptions.Subscriber subscriber, List<String> topics,
            String frequency, Map<String, String> errors) {
        String state = subscriber.status();
        ModelAndView page = SubscriptionPages.page("preferences", status)
                .addObject("token", token)
                .addObject("unsubscribeToken", subscriptions.unsubscribeToken(subscriber.id()))
                .addObject(state, true)
                .addObject("canLeave", state.equals("confirmed") || state.equals("pending"));
        SubscriptionPages.choices(page, properties.topics(), topics, frequency);
        SubscriptionPages.errors(page, errors);
        return page;
    }

    /** The configured names of stored (lower-case) topics, for reading back to the subscriber. */
    private List<String> labels(List<String> topics) {
        return properties.topics().stream().filter(name -> topics.contains(name.toLowerCase(Locale.ROOT))).toList();
    }
}
