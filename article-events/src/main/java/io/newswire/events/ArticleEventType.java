package io.newswire.events;

import java.util.Arrays;
import java.util.Optional;

/** The CloudEvents {@code type} of a record on {@link ArticleTopic#NAME}: what happened to the article. */
public enum ArticleEventType {

    /** The article became public. */
    PUBLISHED("newswire.article.published"),
    /** A public article changed; the value is its new snapshot. */
    UPDATED("newswire.article.updated"),
    /** The article was withdrawn; it must leave every feed and no more email or post may go out for it. */
    RETRACTED("newswire.article.retracted");

    private final String ceType;

    ArticleEventType(String ceType) {
        this.ceType = ceType;
    }

    /** The value of the {@code ce_type} header. */
    public String ceType() {
        return ceType;
    }

    public static Optional<ArticleEventType> fromCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }
}
