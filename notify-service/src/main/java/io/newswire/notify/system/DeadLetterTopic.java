package io.newswire.notify.system;

/**
 * The naming rule for dead-letter topics: one per source topic and consumer group, so that the
 * records one consumer could not handle never mix with another consumer's.
 */
public final class DeadLetterTopic {

    private DeadLetterTopic() {
    }

    /** {@code newswire.articles} read by group {@code notify-service} gives {@code newswire.articles.notify-service.dlt}. */
    public static String nameFor(String topic, String consumerGroup) {
        return topic + "." + consumerGroup + ".dlt";
    }
}
