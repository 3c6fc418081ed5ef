package io.newswire.notify.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a listing shows of a dead letter's value, and which topics count as notify's dead letters. */
class DeadLettersTest {

    @Test
    void longValueIsCutAtACharacterBoundaryWithinTheLimit() {
        // 'ж' is two bytes in UTF-8: 1,500 of them are 3,000 bytes, and byte 2,048 starts a character.
        byte[] cyrillic = "ж".repeat(1500).getBytes(StandardCharsets.UTF_8);
        byte[] shifted = ("x" + "ж".repeat(1500)).getBytes(StandardCharsets.UTF_8);

        assertThat(DeadLetters.prefix(cyrillic, 2048)).isEqualTo("ж".repeat(1024));
        // Here byte 2,048 falls inside a character, which is left out whole rather than garbled.
        assertThat(DeadLetters.prefix(shifted, 2048)).isEqualTo("x" + "ж".repeat(1023));
        assertThat(DeadLetters.prefix("short".getBytes(StandardCharsets.UTF_8), 2048)).isEqualTo("short");
    }

    @Test
    void onlyTopicsNamedAfterNotifysGroupAreDeadLetterTopics() {
        assertThat(DeadLetters.isDeadLetterTopic("newswire.articles.notify-service.dlt")).isTrue();
        assertThat(DeadLetters.isDeadLetterTopic("newswire.articles")).isFalse();
        assertThat(DeadLetters.isDeadLetterTopic("newswire.articles.feed-service.dlt")).isFalse();
        assertThat(DeadLetters.isDeadLetterTopic(".notify-service.dlt")).isFalse();
    }
}
