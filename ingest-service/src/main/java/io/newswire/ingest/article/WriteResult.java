package io.newswire.ingest.article;

/**
 * The outcome of a write as the client sees it: 202 when an event was published, 200 when the
 * request changed nothing and the body is the original result.
 */
public record WriteResult(int status, ArticleAccepted body) {

    /** True when an event was published, false when the write changed nothing. */
    public boolean published() {
        return status == PUBLISHED;
    }

    static final int PUBLISHED = 202;
    static final int UNCHANGED = 200;
}
