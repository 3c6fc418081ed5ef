package io.newswire.notify.system;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a feature does once one of its records has been published to its dead-letter topic, so
 * that giving up shows in its own state too (the newsletter marks the deliveries of a
 * dead-lettered fan-out slice as failed). Runs on the consumer thread, after the dead letter was
 * acknowledged; a record from another feature's topic is ignored.
 */
@FunctionalInterface
public interface AfterDeadLetter {

    void deadLettered(ConsumerRecord<?, ?> record, Exception failure);
}
