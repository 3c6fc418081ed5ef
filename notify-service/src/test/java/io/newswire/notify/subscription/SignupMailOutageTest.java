package io.newswire.notify.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswire.testsupport.WithKafka;
import io.newswire.testsupport.WithPostgres;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Signing up while the mail server is down (nothing listens on its port): the reader is told the
 * email could not be sent instead of being sent to an empty inbox, and may try again at once.
 * A context of its own, without the story listener, so it takes no partitions from the others.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.mail.port=1", "spring.kafka.listener.auto-startup=false"})
@ActiveProfiles("test")
@WithKafka
@WithPostgres
@ExtendWith(OutputCaptureExtension.class)
class SignupMailOutageTest {

    @Autowired
    private JdbcTemplate jdbc;

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void forgetReaders() {
        jdbc.update("DELETE FROM subscriber WHERE email LIKE ?", "%@" + SignupFlowTest.DOMAIN);
    }

    @Test
    void signupWhileMailIsDownSaysSoAndLeavesTheWayOpenForARetry(CapturedOutput output) throws Exception {
        String address = "outage-" + UUID.randomUUID() + "@" + SignupFlowTest.DOMAIN;

        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/subscribe"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=" + URLEncoder.encode(address, StandardCharsets.UTF_8))));
        HttpResponse<String> api = send(HttpRequest.newBuilder(uri("/api/v1/subscriptions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + address + "\"}")));

        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains("<h1>We could not send the email</h1>", "<html lang=\"en\">");
        assertThat(api.statusCode()).as("retried at once: no 10-minute wait after a failed send").isEqualTo(503);
        assertThat(api.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(api.body()).contains("\"title\":\"Email not sent\"");
        assertThat(jdbc.queryForObject("SELECT status FROM subscriber WHERE email = ?", String.class, address)).isEqualTo("pending");
        assertThat(jdbc.queryForObject("SELECT confirmation_sent_at IS NULL FROM subscriber WHERE email = ?", Boolean.class, address))
                .isTrue();
        assertThat(output.getAll()).contains("could not be sent").doesNotContainIgnoringCase(address.substring(0, address.indexOf('@')));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        // Its own client address, so the signup limit of other tests' readers is not touched.
        return http.send(request.header("X-Forwarded-For", "192.0.2.77").build(), HttpResponse.BodyHandlers.ofString());
    }
}
