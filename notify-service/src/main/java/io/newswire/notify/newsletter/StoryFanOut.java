package io.newswire.notify.newsletter;

import io.newswire.events.Article;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Plans the newsletter fan-out of a published story: one work record per slice of the subscriber
 * id space on {@value #TOPIC}, which the instances of the consumer group share through its
 * partitions ({@link FanOutWorkListener}). Planning returns only once the broker acknowledged
 * every slice, so the article event's offset is committed only after the whole fan-out is on the
 * topic; a crash in between plans it again, which the delivery ledger makes harmless.
 */
public class StoryFanOut {

    /** Internal to notify: the slices of fan-outs waiting to be sent. Not compacted: every slice is work to do. */
    static final String TOPIC = "newswire.newsletter.work";

    private static final Logger log = LoggerFactory.getLogger(StoryFanOut.class);

    private final KafkaOperations<String, Object> kafka;
    private final int slices;
    private final Duration staleAfter;
    private final Clock clock;

    StoryFanOut(KafkaOperations<String, Object> kafka, NewsletterProperties properties, Clock clock) {
        this.kafka = kafka;
        this.slices = properties.fanOut().slices();
        this.staleAfter = properties.staleAfter();
        this.clock = clock;
    }

    /**
     * Plans the fan-out of the story of a {@code published} event.
     *
     * @param article    the published snapshot
     * @param recordedAt when the event was recorded on the topic
     * @throws KafkaException when a slice could not be written; the event is retried
     */
    public void storyPublished(Article article, Instant recordedAt) {
        if (recordedAt.isBefore(clock.instant().minus(staleAfter))) {
            log.info("Not mailing article {}: its published event is from {}, older than {}", article.id(),
                    recordedAt, staleAfter);
            return;
        }
        List<CompletableFuture<?>> acks = FanOutWork.story(article.id(), slices).stream()
                .<CompletableFuture<?>>map(work -> kafka.send(TOPIC, work.key(), work))
                .toList();
        try {
            // Bounded by the producer's delivery.timeout.ms, after which a send fails.
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while planning the fan-out of article " + article.id(), ex);
        }
        catch (ExecutionException ex) {
            throw new KafkaException("Could not plan the fan-out of article " + article.id(), ex.getCause());
        }
        log.info("Planned the fan-out of article {} in {} slices", article.id(), slices);
    }
}
