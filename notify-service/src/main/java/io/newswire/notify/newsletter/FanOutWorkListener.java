package io.newswire.notify.newsletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Adapts work records on {@value StoryFanOut#TOPIC} to {@link NewsletterDispatch}: each record is
 * one slice of a story's fan-out. Every instance joins the group, so the slices of one story are
 * sent by several instances at once; {@code newswire.newsletter.fan-out.concurrency} consumer
 * threads per instance share its throttle and SMTP connections.
 */
@Component
class FanOutWorkListener {

    /** The same group as the article listener's: the dead-letter topic is named after it. */
    static final String GROUP = "notify-service";

    private static final Logger log = LoggerFactory.getLogger(FanOutWorkListener.class);

    private final NewsletterDispatch dispatch;

    FanOutWorkListener(NewsletterDispatch dispatch) {
        this.dispatch = dispatch;
    }

    // The service's consumer reads Article values by default; this listener's records are work.
    @KafkaListener(topics = StoryFanOut.TOPIC, groupId = GROUP,
            concurrency = "${newswire.newsletter.fan-out.concurrency:2}",
            properties = "spring.json.value.default.type=io.newswire.notify.newsletter.FanOutWork")
    void on(ConsumerRecord<String, FanOutWork> record) {
        FanOutWork work = record.value();
        if (work == null || !FanOutWork.STORY.equals(work.type())) {
            log.warn("Ignoring work record {} at {}-{}@{}: type {}", record.key(), record.topic(), record.partition(),
                    record.offset(), work == null ? "(none)" : work.type());
            return;
        }
        dispatch.sendSlice(work);
    }
}
