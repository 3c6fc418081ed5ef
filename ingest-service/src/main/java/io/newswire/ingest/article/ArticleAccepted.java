package io.newswire.ingest.article;

import java.net.URI;

/** The answer to a write: the article's identity and version, and the event that carries it. */
public record ArticleAccepted(String id, long version, String eventType, String eventId, URI url) {
}
