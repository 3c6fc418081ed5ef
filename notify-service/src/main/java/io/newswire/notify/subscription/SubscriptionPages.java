package io.newswire.notify.subscription;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every subscription page shares: the site name for the layout ({@code templates/layout.mustache}),
 * and the models of the topic and frequency choices and of error messages, so that the signup and
 * preferences forms are built the same way.
 */
@ControllerAdvice(assignableTypes = {SignupController.class, PreferencesController.class, UnsubscribeController.class})
class SubscriptionPages {

    private final SubscriptionProperties properties;

    SubscriptionPages(SubscriptionProperties properties) {
        this.properties = properties;
    }

    @ModelAttribute("siteName")
    String siteName() {
        return properties.siteName();
    }

    static ModelAndView page(String template, HttpStatus status) {
        return new ModelAndView("subscription/" + template, new HashMap<>(), status);
    }

    static ModelAndView invalidLink() {
        return page("invalid-link", HttpStatus.BAD_REQUEST);
    }

    /**
     * Adds the topic checkboxes (labelled with the configured names, valued lower-case) and the
     * frequency radios, ticked as {@code chosenTopics} and {@code frequency} say. Unknown values
     * the reader sent are simply not ticked; the error says what is wrong.
     */
    static void choices(ModelAndView page, List<String> configuredTopics, Collection<String> chosenTopics, String frequency) {
        Set<String> chosen = chosenTopics == null ? Set.of()
                : chosenTopics.stream().filter(topic -> topic != null)
                        .map(topic -> topic.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<Map<String, Object>> topics = new ArrayList<>();
        for (int i = 0; i < configuredTopics.size(); i++) {
            String value = configuredTopics.get(i).toLowerCase(Locale.ROOT);
            topics.add(Map.of("id", "topic-" + (i + 1), "value", value, "label", configuredTopics.get(i),
                    "checked", chosen.contains(value)));
        }
        List<Map<String, Object>> frequencies = new ArrayList<>();
        for (Frequency option : Frequency.values()) {
            frequencies.add(Map.of("id", "frequency-" + option.value(), "value", option.value(), "label", option.label(),
                    "description", option.description(), "checked", option.value().equals(frequency)));
        }
        page.addObject("topics", topics);
        page.addObject("frequencies", frequencies);
    }

    /** Adds the error summary and the message next to each field; an anchor per field lets the summary link to it. */
    static void errors(ModelAndView page, Map<String, String> errors) {
        page.addObject("hasErrors", !errors.isEmpty());
        page.addObject("errors", errors.entrySet().stream()
                .map(error -> Map.of("field", error.getKey(), "message", error.getValue()))
                .toList());
        errors.forEach((field, message) -> page.addObject(field + "Error", message));
    }

    /** "1 minute", "7 minutes": how long to wait, rounded up to whole minutes. */
    static String minutes(long seconds) {
        long minutes = Math.max(1, (seconds + 59) / 60);
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
