package io.newswire.notify.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubscriberTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final String SECRET = "a-test-secret-of-at-least-32-characters";

    private final SubscriberTokens tokens = new SubscriberTokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
    private final UUID reader = UUID.randomUUID();

    @Test
    void tokenNamesItsSubscriberForItsPurposeOnly() {
        String token = tokens.issue(reader, SubscriberTokens.Purpose.UNSUBSCRIBE, null);

        assertThat(tokens.verify(token, SubscriberTokens.Purpose.UNSUBSCRIBE)).contains(reader);
        assertThat(tokens.verify(token, SubscriberTokens.Purpose.PREFERENCES)).isEmpty();
        assertThat(tokens.verify(token, SubscriberTokens.Purpose.CONFIRM)).isEmpty();
        assertThat(token).doesNotContain("@");
    }

    @Test
    void alteredOrForeignTokensAreRefused() {
        String token = tokens.issue(reader, SubscriberTokens.Purpose.UNSUBSCRIBE, null);
        String other = tokens.issue(UUID.randomUUID(), SubscriberTokens.Purpose.UNSUBSCRIBE, null);
        String payloadOfOther = other.substring(0, other.indexOf('.'));
        String signatureOfMine = token.substring(token.indexOf('.'));
        SubscriberTokens otherSecret = new SubscriberTokens("another-secret-of-at-least-32-characters!", Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(tokens.verify(payloadOfOther + signatureOfMine, SubscriberTokens.Purpose.UNSUBSCRIBE)).isEmpty();
        assertThat(tokens.verify(otherSecret.issue(reader, SubscriberTokens.Purpose.UNSUBSCRIBE, null),
                SubscriberTokens.Purpose.UNSUBSCRIBE)).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 2) + "AA", SubscriberTokens.Purpose.UNSUBSCRIBE)).isEmpty();
        assertThat(tokens.verify("not-a-token", SubscriberTokens.Purpose.UNSUBSCRIBE)).isEmpty();
        assertThat(tokens.verify("", SubscriberTokens.Purpose.UNSUBSCRIBE)).isEmpty();
        assertThat(tokens.verify(null, SubscriberTokens.Purpose.UNSUBSCRIBE)).isEmpty();
    }

    @Test
    void expiredTokenIsRefusedAndUnexpiredAccepted() {
        String expired = tokens.issue(reader, SubscriberTokens.Purpose.CONFIRM, NOW.minus(Duration.ofSeconds(1)));
        String valid = tokens.issue(reader, SubscriberTokens.Purpose.CONFIRM, NOW.plus(Duration.ofDays(7)));

        assertThat(tokens.verify(expired, SubscriberTokens.Purpose.CONFIRM)).isEmpty();
        assertThat(tokens.verify(valid, SubscriberTokens.Purpose.CONFIRM)).contains(reader);
    }
}
