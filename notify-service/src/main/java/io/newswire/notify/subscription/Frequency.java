package io.newswire.notify.subscription;

import java.util.Arrays;
import java.util.Optional;

/** How often a subscriber hears from the newsletter; {@link #value()} is what the database and the API say. */
enum Frequency {

    EACH("each", "Each story", "an email for every story as it is published"),
    DAILY("daily", "Daily digest", "one email a day with the day's stories"),
    WEEKLY("weekly", "Weekly digest", "one email a week with the week's stories");

    private final String value;
    private final String label;
    private final String description;

    Frequency(String value, String label, String description) {
        this.value = value;
        this.label = label;
        this.description = description;
    }

    String value() {
        return value;
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }

    static Optional<Frequency> of(String value) {
        return Arrays.stream(values()).filter(frequency -> frequency.value.equals(value)).findFirst();
    }
}
