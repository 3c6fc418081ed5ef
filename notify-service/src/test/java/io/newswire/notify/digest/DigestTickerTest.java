package io.newswire.notify.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The ticking adapter: the configured tick (Boot's duration format) drives the scheduler at the clock's time. */
class DigestTickerTest {

    private static final Instant NOW = Instant.parse("2026-11-29T07:00:30Z");

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Ticking.class);

    @Test
    void everyTickHandsTheClocksTimeToTheScheduler() {
        context.withPropertyValues("newswire.digest.tick=50ms").run(started -> {
            RecordingScheduler scheduler = started.getBean(RecordingScheduler.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.ticks.size() >= 2);
            assertThat(scheduler.ticks).containsOnly(NOW);
        });
    }

    @Test
    void aFailedTickDoesNotStopTheNextOnes() {
        context.withPropertyValues("newswire.digest.tick=50ms", "fail=true").run(started -> {
            RecordingScheduler scheduler = started.getBean(RecordingScheduler.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.ticks.size() >= 3);
        });
    }

    @Test
    void defaultTickIsThirtySeconds() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(RecordingScheduler.class).ticks).isEmpty();
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Ticking {

        @Bean
        RecordingScheduler scheduler(Environment environment) {
            return new RecordingScheduler(environment.getProperty("fail", Boolean.class, false));
        }

        @Bean
        DigestTicker ticker(RecordingScheduler scheduler) {
            return new DigestTicker(scheduler, Clock.fixed(NOW, ZoneOffset.UTC));
        }
    }

    static class RecordingScheduler extends DigestScheduler {

        final List<Instant> ticks = new CopyOnWriteArrayList<>();
        private final boolean fail;

        RecordingScheduler(boolean fail) {
            super(null, null, null);
            this.fail = fail;
        }

        @Override
        void tick(Instant now) {
            ticks.add(now);
            if (fail) {
                throw new IllegalStateException("SMTP server down");
            }
        }
    }
}
