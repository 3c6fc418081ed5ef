package io.newswire.feed.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** Ingest's instants decode to what Jackson's own deserializer made of them; anything else is left to it. */
class UtcInstantDeserializerTest {

    private final JsonMapper fast = JsonMapper.builder()
            .addModule(new SimpleModule().addDeserializer(Instant.class, new UtcInstantDeserializer()))
            .build();
    private final JsonMapper jackson = JsonMapper.builder().build();

    @Test
    void everyInstantAsIngestWritesItParsesAsJacksonParsesIt() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            // Year 1 to 9999, with 0, 3, 6 or 9 digits of fraction as ISO_INSTANT prints them.
            long seconds = Math.floorMod(random.nextLong(), 315_537_897_599L) - 62_135_596_800L;
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            String json = jackson.writeValueAsString(Instant.ofEpochSecond(seconds, nanos));
            assertThat(json).startsWith("\"");
            assertThat(fast.readValue(json, Instant.class)).as(json).isEqualTo(jackson.readValue(json, Instant.class));
        }
    }

    @Test
    void fractionsOfAnyLengthLeapDaysAndTheEndsOfTheDay() {
        for (String text : new String[] {"2024-02-29T23:59:59Z", "2026-01-01T00:00:00.1Z", "2026-11-29T21:37:15.12Z",
                "1970-01-01T00:00:00.000000001Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"}) {
            assertThat(UtcInstantDeserializer.parse(text)).as(text)
                    .isEqualTo(DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from));
        }
    }

    @Test
    void otherFormsAreLeftToJackson() throws Exception {
        for (String text : new String[] {"2026-11-29T22:37:15+01:00", "2026-11-29T21:37:15.Z", "2026-11-29 21:37:15Z",
                "2026-11-29T21:37:15", "+12026-11-29T21:37:15Z", "2026-11-29T21:37:15.1234567890Z", "2026-02-30T00:00:00Z",
                "2026-11-29T24:00:00Z", "2026-11-29T21:37:60Z"}) {
            assertThat(UtcInstantDeserializer.parse(text)).as(text).isNull();
        }
        assertThat(fast.readValue("\"2026-11-29T22:37:15+01:00\"", Instant.class))
                .isEqualTo(Instant.parse("2026-11-29T21:37:15Z"));
        assertThat(fast.readValue("1795988235", Instant.class)).isEqualTo(Instant.ofEpochSecond(1_795_988_235L));
        String impossible = "\"2026-02-30T00:00:00Z\"";
        Throwable expected = catchThrowable(() -> jackson.readValue(impossible, Instant.class));
        assertThat(expected).isNotNull();
        assertThat(catchThrowable(() -> fast.readValue(impossible, Instant.class))).isInstanceOf(expected.getClass());
    }
}
