package io.newswire.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module as a service sees it once it is on the classpath: only the configured paths ask for
 * a key, scoped handlers ask for their scope, and a scoped handler is never served without a key.
 */
@SpringBootTest(classes = ApiKeysAutoConfigurationTest.Service.class, properties = {
        "spring.mvc.problemdetails.enabled=true",
        "newswire.api.protected-paths=/api/v1/admin/*",
        "newswire.api.clients[0].name=ops",
        // sha256("ops-key")
        "newswire.api.clients[0].key-sha256=2c69bc9111c27110a9b9a7974ba3f8ac0c053c16b23a0738115ee829fbc4d57b",
        "newswire.api.clients[0].scopes=things:admin",
        "newswire.api.clients[1].name=reader",
        // sha256("reader-key")
        "newswire.api.clients[1].key-sha256=ec4408df15da46b328f6f3246fa723d0aa6cb0f0a0dd9c4626080ab1b02aa3b2",
        "newswire.api.clients[1].scopes=things:read" })
@AutoConfigureMockMvc
class ApiKeysAutoConfigurationTest {

    @Autowired
    private MockMvc mvc;

    @Autowired
    private UnusedScopes unusedScopes;

    @Test
    void protectedPathWithoutAKeyIsUnauthorizedProblem() throws Exception {
        mvc.perform(get("/api/v1/admin/things"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"newswire\""))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
    }

    @Test
    void keyWithTheScopeReachesTheHandlerAsItsClient() throws Exception {
        mvc.perform(get("/api/v1/admin/things").header("Authorization", "Bearer ops-key"))
                .andExpect(status().isOk())
                .andExpect(content().string("things for ops"));
    }

    @Test
    void keyWithoutTheScopeIsForbiddenProblem() throws Exception {
        mvc.perform(get("/api/v1/admin/things").header("Authorization", "Bearer reader-key"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Forbidden"))
                .andExpect(jsonPath("$.detail").value("This API key does not have the scope 'things:admin'."));
    }

    @Test
    void pathsOutsideTheProtectedOnesAskForNoKey() throws Exception {
        mvc.perform(get("/api/v1/public")).andExpect(status().isOk()).andExpect(content().string("open to all"));
    }

    @Test
    void scopedHandlerOutsideTheProtectedPathsIsNeverServed() {
        assertThatThrownBy(() -> mvc.perform(get("/elsewhere/things").header("Authorization", "Bearer ops-key")))
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not under newswire.api.protected-paths");
    }

    @Test
    void theScopesAServiceKnowsAreTheOnesItsHandlersRequire() {
        assertThat(unusedScopes.requiredScopes()).containsExactly("things:admin");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Things.class)
    static class Service {
    }

    @RestController
    static class Things {

        @GetMapping("/api/v1/admin/things")
        @RequiresScope("things:admin")
        String things(HttpServletRequest request) {
            return "things for " + ApiClient.of(request).name();
        }

        @GetMapping("/api/v1/public")
        String open() {
            return "open to all";
        }

        @GetMapping("/elsewhere/things")
        @RequiresScope("things:admin")
        String misplaced() {
            return "should never be served";
        }
    }
}
