package io.newswire.notify.digest;

/** How often a subscriber who chose digests gets one; the value is {@code subscriber.frequency}. */
enum DigestFrequency {
    DAILY("daily"), WEEKLY("weekly");

    private final String value;

    DigestFrequency(String value) {
        this.value = value;
    }

    /** As stored in {@code subscriber.frequency} and {@code digest_run.frequency}. */
    String value() {
        return value;
    }

    static DigestFrequency of(String value) {
        for (DigestFrequency frequency : values()) {
            if (frequency.value.equals(value)) {
                return frequency;
            }
        }
        throw new IllegalArgumentException("Not a digest frequency: " + value);
    }
}
