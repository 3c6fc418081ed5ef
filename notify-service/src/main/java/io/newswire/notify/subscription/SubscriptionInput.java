package io.newswire.notify.subscription;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules for what a reader may type, shared by the pages and the JSON API so both refuse the
 * same things with the same words. Nothing here reports the address itself: messages name the
 * field, never its value.
 */
class SubscriptionInput {

    static final String EMAIL = "email";
    static final String TOPICS = "topics";
    static final String FREQUENCY = "frequency";

    static final String EMAIL_MESSAGE = "Enter an email address like name@example.com";
    static final String TOPICS_MESSAGE = "Choose topics from the list";
    static final String FREQUENCY_MESSAGE = "Choose how often: each story, daily digest or weekly digest";

    /** RFC 5321's limit on a path, which is what a mail server will accept at most. */
    private static final int MAX_ADDRESS_LENGTH = 254;

    private final List<String> topics;

    /** @param topics the configured topic names, in the order pages show them */
    SubscriptionInput(List<String> topics) {
        this.topics = topics.stream().map(topic -> topic.toLowerCase(Locale.ROOT)).toList();
    }

    /** Checks a signup; the errors map field names to messages, in form order. */
    Checked<Signup> signup(String email, List<String> topics, String frequency) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<String> address = address(email);
        if (address.isEmpty()) {
            errors.put(EMAIL, EMAIL_MESSAGE);
        }
        Checked<Preferences> preferences = preferences(topics, frequency);
        errors.putAll(preferences.errors());
        return errors.isEmpty() ? Checked.valid(new Signup(address.get(), preferences.value())) : Checked.invalid(errors);
    }

    /**
     * Checks preferences: every topic must be a configured one (in any case; duplicates count once),
     * and the frequency one of {@code each}, {@code daily}, {@code weekly}. No frequency means each story.
     */
    Checked<Preferences> preferences(List<String> chosen, String frequency) {
        Map<String, String> errors = new LinkedHashMap<>();
        Set<String> wanted = new LinkedHashSet<>();
        if (chosen != null) {
            if (chosen.size() > 10 * topics.size()) {
                errors.put(TOPICS, TOPICS_MESSAGE);
            }
            else {
                for (String topic : chosen) {
                    String key = topic == null ? "" : topic.strip().toLowerCase(Locale.ROOT);
                    if (!topics.contains(key)) {
                        errors.put(TOPICS, TOPICS_MESSAGE);
                        break;
                    }
                    wanted.add(key);
                }
            }
        }
        Optional<Frequency> often = frequency == null || frequency.isBlank() ? Optional.of(Frequency.EACH)
                : Frequency.of(frequency.strip().toLowerCase(Locale.ROOT));
        if (often.isEmpty()) {
            errors.put(FREQUENCY, FREQUENCY_MESSAGE);
        }
        if (!errors.isEmpty()) {
            return Checked.invalid(errors);
        }
        List<String> ordered = new ArrayList<>(topics);
        ordered.retainAll(wanted);
        return Checked.valid(new Preferences(ordered, often.get()));
    }

    /**
     * The address, trimmed and lower-cased, if it is exactly one RFC 5322 address (no display
     * name, no group) of at most 254 characters whose domain is a dotted name. Jakarta Mail's
     * strict parser decides the syntax.
     */
    static Optional<String> address(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String address = raw.strip();
        if (address.isEmpty() || address.length() > MAX_ADDRESS_LENGTH) {
            return Optional.empty();
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            if (parsed.isGroup() || parsed.getPersonal() != null || !address.equals(parsed.getAddress())) {
                return Optional.empty();
            }
        }
        catch (AddressException ex) {
            // Its message quotes the address: drop it, the caller says what is wrong in its own words.
            return Optional.empty();
        }
        int at = address.lastIndexOf('@');
        String domain = at < 1 ? "" : address.substring(at + 1);
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")
                || domain.startsWith("[")) {
            return Optional.empty();
        }
        return Optional.of(address.toLowerCase(Locale.ROOT));
    }

    /** A checked value, or what is wrong with it, field by field. */
    record Checked<T>(T value, Map<String, String> errors) {

        static <T> Checked<T> valid(T value) {
            return new Checked<>(value, Map.of());
        }

        static <T> Checked<T> invalid(Map<String, String> errors) {
            return new Checked<>(null, Collections.unmodifiableMap(new LinkedHashMap<>(errors)));
        }

        boolean isValid() {
            return errors.isEmpty();
        }
    }
}
