package io.newswire.ingest.article;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.testsupport.WithKafka;
import io.newswire.testsupport.WithPostgres;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A CMS developer can read the API's OpenAPI description and browse it, without a key. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithKafka
@WithPostgres
class ApiDescriptionTest {

    @LocalServerPort
    int port;

    @Test
    void openApiDescribesEveryArticleOperationAndTheBearerKey() throws Exception {
        IngestApi api = new IngestApi(port, null);
        HttpResponse<String> response = api.send("GET", "/v3/api-docs", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode docs = api.json(response);
        assertThat(docs.get("openapi").asString()).startsWith("3.");
        JsonNode paths = docs.get("paths");
        assertThat(paths.get("/api/v1/articles").has("post")).isTrue();
        assertThat(paths.get("/api/v1/articles/{id}").has("put")).isTrue();
        assertThat(paths.get("/api/v1/articles/{id}").has("delete")).isTrue();
        assertThat(paths.get("/api/v1/articles/{id}").has("get")).isTrue();
        assertThat(docs.at("/components/securitySchemes/apiKey/scheme").asString()).isEqualTo("bearer");
        assertThat(docs.at("/components/schemas/ArticleSubmission/required").toString()).contains("url", "title");
    }

    @Test
    void browsablePageIsServed() throws Exception {
        HttpResponse<String> page = new IngestApi(port, null).send("GET", "/swagger-ui/index.html", null, null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
    }
}
