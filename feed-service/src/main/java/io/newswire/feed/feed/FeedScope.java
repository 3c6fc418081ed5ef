package io.newswire.feed.feed;

import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/**
 * Which articles a feed lists: all of them, or those of one category, tag or author, named by slug.
 *
 * @param kind what the feed is about
 * @param slug the {@link Slug} of the category, tag or author; empty for the whole site
 */
record FeedScope(Kind kind, String slug) {

    static final FeedScope SITE = new FeedScope(Kind.SITE, "");

    /** The path of this feed in {@code format}, e.g. {@code /categories/city/rss.xml}; non-ASCII percent-encoded. */
    String path(FeedFormat format) {
        if (kind == Kind.SITE) {
            return "/" + format.file();
        }
        return "/" + kind.segment() + "/" + UriUtils.encodePathSegment(slug, StandardCharsets.UTF_8) + "/"
                + format.file();
    }

    /** What a feed can be about, and the first path segment of its feeds. */
    enum Kind {
        SITE(""), CATEGORY("categories"), TAG("tags"), AUTHOR("authors");

        private final String segment;

        Kind(String segment) {
            this.segment = segment;
        }

        String segment() {
            return segment;
        }

        static Kind ofSegment(String segment) {
            Kind kind = bySegment(segment);
            if (kind == null) {
                throw new IllegalArgumentException("No feeds are served under /" + segment);
            }
            return kind;
        }

        /** The kind of feeds served under {@code /segment/}, or null. */
        static Kind bySegment(String segment) {
            for (Kind kind : values()) {
                if (kind != SITE && kind.segment.equals(segment)) {
                    return kind;
                }
            }
            return null;
        }
    }
}
