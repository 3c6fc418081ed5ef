package io.newswire.feed.article;

import java.time.Duration;

/**
 * The article topic has been read, at start, up to the end every partition had when its consumer first
 * looked: the catalog now holds every article published before this instance started.
 *
 * @param records  how many records the replay read
 * @param duration from the first poll that returned anything (or found the topic empty) to the last record
 */
public record ArticleTopicReplayed(long records, Duration duration) {
}
