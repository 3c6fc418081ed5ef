package io.newswire.feed.feed;

import org.springframework.http.MediaType;

/** The formats every feed is served in, each under its own file name. */
enum FeedFormat {

    RSS("rss.xml", "application/rss+xml", "RSS 2.0"),
    ATOM("atom.xml", "application/atom+xml", "Atom 1.0"),
    JSON("feed.json", "application/feed+json", "JSON Feed 1.1");

    private final String file;
    private final String mediaType;
    private final String label;

    FeedFormat(String file, String mediaType, String label) {
        this.file = file;
        this.mediaType = mediaType;
        this.label = label;
    }

    String file() {
        return file;
    }

    /** Without parameters, as {@code type} attributes of links want it. */
    String mediaType() {
        return mediaType;
    }

    /** As the {@code Content-Type} of a response: every document is UTF-8 and says so. */
    MediaType contentType() {
        return MediaType.parseMediaType(contentTypeHeader());
    }

    /** {@link #contentType()} as the header's value. */
    String contentTypeHeader() {
        return mediaType + ";charset=utf-8";
    }

    String label() {
        return label;
    }

    static FeedFormat ofFile(String file) {
        FeedFormat format = byFile(file);
        if (format == null) {
            throw new IllegalArgumentException("No feed format is served as " + file);
        }
        return format;
    }

    /** The format served as {@code file}, or null. */
    static FeedFormat byFile(String file) {
        for (FeedFormat format : values()) {
            if (format.file.equals(file)) {
                return format;
            }
        }
        return null;
    }
}
