package io.newswire.notify.social;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Adapts work records on {@value SocialFanOut#TOPIC} to {@link SocialDispatch}. Every instance
 * joins the group; each account's records are on one partition ({@link SocialFanOut}), so its
 * posts are done in order by whichever consumer holds that partition.
 */
@Component
class SocialWorkListener {

    /** The service's one group: the dead-letter topic is named after it. */
    static final String GROUP = "notify-service";

    /** Sets the records per poll ({@link SocialProperties#recordsPerPoll}), which depend on the accounts. */
    static final String CONTAINER_POST_PROCESSOR = "socialWorkPolls";

    private static final Logger log = LoggerFactory.getLogger(SocialWorkListener.class);

    private final SocialDispatch dispatch;

    SocialWorkListener(SocialDispatch dispatch) {
        this.dispatch = dispatch;
    }

    // The service's consumer reads Article values by default; this listener's records are social work.
    @KafkaListener(id = "social-work", topics = SocialFanOut.TOPIC, groupId = GROUP,
            concurrency = "${newswire.social.work.concurrency:2}", containerPostProcessor = CONTAINER_POST_PROCESSOR,
            properties = "spring.json.value.default.type=io.newswire.notify.social.SocialWork")
    void on(ConsumerRecord<String, SocialWork> record) {
        SocialWork work = record.value();
        if (work == null || work.storyId() == null || work.accountId() == null) {
            log.warn("Ignoring social work record {} at {}-{}@{}", record.key(), record.topic(), record.partition(), record.offset());
            return;
        }
        dispatch.handle(work);
    }
}
