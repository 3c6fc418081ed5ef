package io.newswire.notify.system;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.util.backoff.BackOff;

/**
 * A feature's own retry timing for some of its failures (the social dispatcher waits exactly as
 * long as a platform's 429 asked). Consulted by the one error handler when a record fails for the
 * first time, or with another kind of exception than before; {@code null} means the service's
 * default growing back-off. When the back-off stops, the record is dead-lettered as usual.
 */
@FunctionalInterface
public interface RecordBackOff {

    /** @return the back-off for this failure of this record, or {@code null} when it is not the feature's */
    BackOff backOffFor(ConsumerRecord<?, ?> record, Exception failure);
}
