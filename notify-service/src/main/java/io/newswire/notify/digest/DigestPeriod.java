package io.newswire.notify.digest;

import java.time.Instant;

/**
 * One digest's span: the stories published after {@code start}, up to and including {@code end}.
 * Consecutive periods of one frequency meet exactly, so every story falls in exactly one.
 */
record DigestPeriod(DigestFrequency frequency, Instant start, Instant end) {

    /** The run's key in {@code digest_run}, e.g. {@code daily/2026-11-29T07:00:00Z}: the same on every instance. */
    String id() {
        return frequency.value() + "/" + end;
    }
}
