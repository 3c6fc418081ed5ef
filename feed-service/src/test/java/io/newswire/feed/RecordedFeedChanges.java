package io.newswire.feed;

import io.newswire.feed.feed.FeedChanges;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestComponent;

/**
 * A {@link FeedChanges} adapter that only remembers what it was told, for tests to read. Imported
 * by every integration test class alike, so that they keep sharing one application context.
 */
@TestComponent
public class RecordedFeedChanges implements FeedChanges {

    private final List<List<URI>> batches = new CopyOnWriteArrayList<>();

    @Override
    public void changed(Collection<URI> feedUrls) {
        batches.add(List.copyOf(feedUrls));
    }

    /** Every call so far, each with the URLs it named. */
    public List<List<URI>> batches() {
        return List.copyOf(batches);
    }
}
