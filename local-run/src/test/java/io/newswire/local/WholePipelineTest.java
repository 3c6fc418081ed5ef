package io.newswire.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswire.embedded.LocalSmtpServer;
import io.newswire.testsupport.RealInfrastructure;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One article through the whole system: the three services, each its own JVM as in production,
 * against one real broker, one real PostgreSQL and one real SMTP server. A story posted to ingest
 * must show up in both feeds and arrive as an email.
 */
class WholePipelineTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    static LocalNewswire newswire;
    static LocalSmtpServer smtp;
    static RealInfrastructure.Database database;

    @BeforeAll
    static void startNewswire() {
        smtp = RealInfrastructure.smtp();
        database = RealInfrastructure.postgres();
        Path root = Path.of(System.getProperty("newswire.root", "..")).toAbsolutePath().normalize();
        LocalNewswire.Settings settings = new LocalNewswire.Settings(root, dataDir, 0, 0, 0, 0, 0,
                FreePorts.next(), FreePorts.next(), FreePorts.next(), false);
        newswire = new LocalNewswire(settings).start(Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", RealInfrastructure.kafkaBootstrapServers(),
                "SPRING_DATASOURCE_URL", database.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", database.username(),
                "SPRING_DATASOURCE_PASSWORD", database.password(),
                "SPRING_MAIL_HOST", smtp.host(),
                "SPRING_MAIL_PORT", String.valueOf(smtp.port())));
    }

    @AfterAll
    static void stopNewswire() {
        if (newswire != null) {
            newswire.close();
        }
    }

    @Test
    void postedArticleAppearsInBothFeedsAndArrivesAsAnEmail() throws Exception {
        String reader = "reader-" + UUID.randomUUID() + "@example.org";
        subscribeConfirmed(reader);
        String title = "Flood barriers hold on the river " + UUID.randomUUID();
        String url = "https://news.example/city/" + UUID.randomUUID();

        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(newswire.ingestUrl() + "/api/v1/articles"))
                .header("Authorization", "Bearer " + LocalNewswire.DEV_API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"url": "%s", "title": "%s", "summary": "Water peaked overnight.",
                         "contentHtml": "<p>Crews worked through the night.</p>", "categories": ["City"]}
                        """.formatted(url, title)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get("/rss.xml")).contains("<title>" + title + "</title>").contains("<link>" + url + "</link>");
            assertThat(get("/atom.xml")).contains(title).contains("href=\"" + url + "\"");
        });

        MimeMessage email = await().atMost(Duration.ofSeconds(30))
                .until(() -> emailsTo(reader), emails -> !emails.isEmpty())
                .get(0);
        assertThat(email.getSubject()).isEqualTo(title);
        assertThat(email.getContent()).isInstanceOf(Multipart.class);
        assertThat(bodyText(email)).contains(url);
    }

    private static void subscribeConfirmed(String email) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO subscriber (email, status, confirmed_at) VALUES (?, 'confirmed', now())")) {
            insert.setString(1, email);
            insert.executeUpdate();
        }
    }

    private static List<MimeMessage> emailsTo(String address) {
        return smtp.receivedMessages().stream().filter(message -> {
            try {
                return message.getAllRecipients() != null
                        && ((InternetAddress) message.getAllRecipients()[0]).getAddress().equals(address);
            }
            catch (Exception ex) {
                return false;
            }
        }).toList();
    }

    private static String bodyText(MimeMessage email) throws Exception {
        StringBuilder text = new StringBuilder();
        Multipart multipart = (Multipart) email.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            text.append(multipart.getBodyPart(i).getContent());
        }
        return text.toString();
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(newswire.feedUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
