package io.newswire.ingest.article;

import io.newswire.events.Article;
import io.newswire.events.ArticleEventType;
import io.newswire.events.ArticleTopic;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps ingest's article states converged with the topic, which is the truth: a write whose
 * commit failed after the broker acknowledged it, or a database restored from an old backup,
 * catches up from here. States never go backwards (only newer versions are stored).
 */
@Component
class ArticleStateListener {

    private final ArticleStates states;
    private final JsonMapper json;

    ArticleStateListener(ArticleStates states, JsonMapper json) {
        this.states = states;
        this.json = json;
    }

    @KafkaListener(topics = ArticleTopic.NAME, groupId = "ingest-service")
    void on(ConsumerRecord<String, Article> record) {
        Article article = record.value();
        String type = header(record, ArticleTopic.CE_TYPE);
        if (article == null || type == null || ArticleEventType.fromCeType(type).isEmpty()) {
            return;
        }
        // Nearly every event is one this instance wrote and stored itself: a one-column read spares
        // the content hash and the upsert of the whole snapshot. States never go backwards anyway.
        if (states.version(article.id()).filter(stored -> stored >= article.version()).isPresent()) {
            return;
        }
        boolean retracted = type.equals(ArticleEventType.RETRACTED.ceType());
        states.save(new StoredArticle(article, retracted, ArticleEditor.contentHashOf(json, article),
                header(record, ArticleTopic.CE_ID), type));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
