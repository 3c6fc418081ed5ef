package io.newswire.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The records and the published JSON Schema describe the same JSON: a non-Java consumer can rely on the schema. */
class ArticleSchemaTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void fullSnapshotAsWrittenByJacksonSatisfiesTheSchema() throws Exception {
        Article article = new Article("0b8a2f4e-9a51-5c1e-8c55-0f2a6b8d7e10", 3, URI.create("https://news.example/a"),
                "Жаңалықтар 🌍", "Summary", "<p>Body</p>",
                List.of(new Article.Author("Aigerim", URI.create("https://news.example/authors/aigerim"))),
                List.of("World"), List.of("vote"), "kk",
                Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T11:30:00.250Z"),
                new Article.LeadImage(URI.create("https://news.example/i.jpg"), "Voters", "image/jpeg", 1200, 800));

        String json = mapper.writeValueAsString(article);

        assertThat(violations(json)).isEmpty();
        assertThat(json).contains("\"publishedAt\":\"2026-11-29T10:00:00Z\"");
        assertThat(mapper.readValue(json, Article.class)).isEqualTo(article);
    }

    @Test
    void minimalSnapshotWithoutOptionalPartsSatisfiesTheSchema() throws Exception {
        Article article = new Article("0b8a2f4e-9a51-5c1e-8c55-0f2a6b8d7e10", 1, URI.create("https://news.example/a"),
                "Title", null, null, null, null, null, null,
                Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T10:00:00Z"), null);

        assertThat(violations(mapper.writeValueAsString(article))).isEmpty();
    }

    @Test
    void schemaRejectsASnapshotWithoutTitleOrWithARelativeUrl() throws Exception {
        assertThat(violations("""
                {"id": "0b8a2f4e-9a51-5c1e-8c55-0f2a6b8d7e10", "version": 1, "url": "/relative",
                 "publishedAt": "2026-11-29T10:00:00Z", "updatedAt": "2026-11-29T10:00:00Z"}
                """)).extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("title"))
                .anySatisfy(m -> assertThat(m).contains("url"));
    }

    private static Set<ValidationMessage> violations(String json) throws Exception {
        try (InputStream schemaJson = ArticleSchemaTest.class.getResourceAsStream(ArticleTopic.SCHEMA_RESOURCE)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson);
            return schema.validate(new ObjectMapper().readTree(json));
        }
    }
}
