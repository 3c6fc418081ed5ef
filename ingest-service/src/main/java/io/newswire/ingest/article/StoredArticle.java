package io.newswire.ingest.article;

import io.newswire.events.Article;

/**
 * What ingest knows of one article: its latest snapshot on the topic, whether it is retracted,
 * the hash of its content (to spot a change that changes nothing) and the event that made it so.
 */
record StoredArticle(Article article, boolean retracted, String contentHash, String lastEventId, String lastEventType) {
}
