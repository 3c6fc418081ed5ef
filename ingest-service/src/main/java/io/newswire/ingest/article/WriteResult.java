package io.newswire.ingest.article;

/**
 * The outcome of a write as the client sees it: 202 when an event was published, 200 when the
 * request changed nothing and the body is the original result.
 */
record WriteResult(int status, ArticleAccepted body) {

    static final int PUBLISHED = 202;
    static final int UNCHANGED = 200;
}
