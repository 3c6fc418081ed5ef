package io.newswire.notify.subscription;

import java.util.List;

/**
 * What a subscriber asked for: the topics (lower-cased, in the configured order; none means every
 * story) and how often.
 */
record Preferences(List<String> topics, Frequency frequency) {

    Preferences {
        topics = List.copyOf(topics);
    }
}
