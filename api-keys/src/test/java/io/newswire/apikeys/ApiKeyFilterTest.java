package io.newswire.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The key check on its own: which requests get through, as which client, and what the others are told. */
class ApiKeyFilterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ApiKeyProperties.Client CMS = client("cms", sha256Hex("cms-key"), "articles:write");
    private static final ApiKeyProperties.Client OPS = client("ops", sha256Hex("ops-key"), "newsletter:admin");

    @Test
    void knownKeyReachesTheHandlerAsItsClient() throws Exception {
        Outcome outcome = send(filter(CMS, OPS), "Bearer ops-key");

        assertThat(outcome.response().getStatus()).isEqualTo(200);
        assertThat(outcome.client()).isEqualTo(new ApiClient("ops", Set.of("newsletter:admin")));
    }

    @Test
    void schemeIsCaseInsensitiveAndTheKeyMayBePadded() throws Exception {
        assertThat(send(filter(CMS), "bearer   cms-key ").client()).extracting(ApiClient::name).isEqualTo("cms");
    }

    @Test
    void unknownKeyIsRefusedWithAProblemAndAChallenge() throws Exception {
        Outcome outcome = send(filter(CMS, OPS), "Bearer guessed-key");

        assertUnauthorized(outcome, "The API key is not known.");
    }

    @Test
    void missingHeaderOrAnotherSchemeIsRefused() throws Exception {
        assertUnauthorized(send(filter(CMS), null), "Send an API key as 'Authorization: Bearer <key>'.");
        assertUnauthorized(send(filter(CMS), "Basic Y21zOmNtcy1rZXk="), "Send an API key as 'Authorization: Bearer <key>'.");
        // The key itself is not an Authorization value: the hash is not a key either.
        assertUnauthorized(send(filter(CMS), "Bearer " + sha256Hex("cms-key")), "The API key is not known.");
    }

    @Test
    void hashIsComparedOverItsWholeLength() throws Exception {
        String hash = sha256Hex("cms-key");
        String lastDigitChanged = hash.substring(0, 63) + (hash.charAt(63) == '0' ? '1' : '0');

        assertUnauthorized(send(filter(client("cms", lastDigitChanged, "articles:write")), "Bearer cms-key"),
                "The API key is not known.");
    }

    @Test
    void configuredHashMayBeUpperCaseOrPadded() throws Exception {
        ApiKeyProperties.Client upper = client("cms", "  " + sha256Hex("cms-key").toUpperCase() + "\n", "articles:write");

        assertThat(send(filter(upper), "Bearer cms-key").client()).extracting(ApiClient::name).isEqualTo("cms");
    }

    @Test
    void blankHashDisablesOnlyThatClient() throws Exception {
        ApiKeyFilter filter = filter(client("unset", "", "articles:write"), OPS);

        assertUnauthorized(send(filter, "Bearer "), "The API key is not known.");
        assertThat(send(filter, "Bearer ops-key").client()).extracting(ApiClient::name).isEqualTo("ops");
    }

    @Test
    void malformedHashStopsTheStartNamingTheClientButNotTheValue() {
        String truncated = sha256Hex("cms-key").substring(0, 62);

        assertThatThrownBy(() -> filter(OPS, client("cms", truncated, "articles:write")))
                .hasMessageContaining("newswire.api.clients[1] (cms)")
                .hasMessageNotContaining(truncated);
        assertThatThrownBy(() -> filter(client("cms", "not hex at all", "articles:write")))
                .hasMessageContaining("64 hex digits");
    }

    private static void assertUnauthorized(Outcome outcome, String detail) throws Exception {
        MockHttpServletResponse response = outcome.response();
        assertThat(outcome.client()).isNull();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"newswire\"");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(response.getContentAsByteArray());
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("title").asString()).isEqualTo("Unauthorized");
        assertThat(problem.get("detail").asString()).isEqualTo(detail);
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/things");
    }

    private record Outcome(MockHttpServletResponse response, ApiClient client) {
    }

    private static Outcome send(ApiKeyFilter filter, String authorization) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/things");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        ApiClient client = chain.getRequest() == null ? null : ApiClient.boundTo(request);
        return new Outcome(response, client);
    }

    private static ApiKeyFilter filter(ApiKeyProperties.Client... clients) {
        return new ApiKeyFilter(List.of(clients), new ProblemResponses(JSON));
    }

    private static ApiKeyProperties.Client client(String name, String keySha256, String... scopes) {
        return new ApiKeyProperties.Client(name, keySha256, Set.of(scopes));
    }

    static String sha256Hex(String key) {
        return HexFormat.of().formatHex(ApiKeyFilter.sha256(key));
    }
}
