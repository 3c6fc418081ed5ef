package io.newswire.events;

/**
 * The topic that carries article events and the CloudEvents 1.0 Kafka binary-mode headers each
 * record has. The record key is the article id; the value is the {@link Article} snapshot as JSON.
 */
public final class ArticleTopic {

    /** Compacted, keyed by article id. */
    public static final String NAME = "newswire.articles";

    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_ID = "ce_id";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_TIME = "ce_time";
    public static final String CE_SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPECVERSION = "1.0";
    public static final String JSON = "application/json";

    /** Classpath location of the JSON Schema of the record value. */
    public static final String SCHEMA_RESOURCE = "/io/newswire/events/article.schema.json";

    private ArticleTopic() {
    }
}
