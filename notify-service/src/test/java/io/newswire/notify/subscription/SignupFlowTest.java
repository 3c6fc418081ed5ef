package io.newswire.notify.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswire.embedded.LocalSmtpServer;
import io.newswire.testsupport.WithKafka;
import io.newswire.testsupport.WithPostgres;
import io.newswire.testsupport.WithSmtp;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signing up as a reader does it, over HTTP against the running service, with a real database and
 * a real SMTP server: what the pages and the API answer, what lands in the inbox, and what the
 * subscriber row says afterwards. Each test plays a reader at its own client address
 * (X-Forwarded-For through the trusted local proxy), so rate limits never leak between tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@WithKafka
@WithPostgres
@WithSmtp
@ExtendWith(OutputCaptureExtension.class)
class SignupFlowTest {

    static final String DOMAIN = "signup.example";
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final Pattern CONFIRM_LINK = Pattern.compile("https?://[^\\s\"<>]+/subscribe/confirm\\?token=[A-Za-z0-9_.-]+");
    private static final Pattern PREFERENCES_LINK = Pattern.compile("https?://[^\\s\"<>]+/preferences\\?token=[A-Za-z0-9_.-]+");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private LocalSmtpServer smtp;

    @Autowired
    private SubscriberTokens tokens;

    @Autowired
    private ExpiredSignupSweep sweep;

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String client = "198.51.100." + (CLIENTS.incrementAndGet() % 250 + 1);

    @AfterEach
    void forgetReaders() {
        jdbc.update("DELETE FROM subscriber WHERE email LIKE ?", "%@" + DOMAIN);
    }

    @Test
    void formSignupMailsAConfirmationLinkThatConfirms() throws Exception {
        String address = address();

        HttpResponse<String> form = get("/subscribe");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(form.body().strip()).startsWith("<!doctype html>").doesNotContain("{{", "}}");
        assertThat(form.body()).contains("<html lang=\"en\">", "name=\"viewport\"", "<label for=\"email\">Email address</label>",
                "<legend id=\"topics\">Topics</legend>", "<label for=\"topic-4\">Technology</label>",
                "value=\"daily\"", "Daily digest", "name=\"website\"", "tabindex=\"-1\"", "autocomplete=\"off\"",
                "aria-hidden=\"true\"", "<button type=\"submit\">Subscribe</button>");

        HttpResponse<String> signup = postForm("/subscribe", Map.of("email", "  " + address.toUpperCase() + " ",
                "topics", List.of("technology", "World"), "frequency", "daily", "website", ""));

        assertThat(signup.statusCode()).isEqualTo(200);
        assertThat(signup.body()).contains("<h1>Check your inbox</h1>", "works for 7 days");
        assertThat(row(address)).containsEntry("status", "pending").containsEntry("frequency", "daily")
                .containsEntry("topics", "{world,technology}");
        MimeMessage mail = onlyMailTo(address);
        assertThat(mail.getSubject()).isEqualTo("Confirm your subscription to Newswire");
        assertThat(mail.getFrom()).containsExactly(new InternetAddress("newsroom@newswire.local", "Newswire"));
        assertThat(mail.getMessageID()).matches("<confirm\\." + row(address).get("id") + "\\.\\d{13}@newswire\\.local>");
        assertThat(mail.getHeader("List-Unsubscribe")).isNull();
        assertThat(mail.getHeader("List-Unsubscribe-Post")).isNull();
        assertThat(mail.getHeader("List-Id")).isNull();
        assertThat(mail.isMimeType("multipart/alternative")).isTrue();
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        String link = find(CONFIRM_LINK, text);
        assertThat(link).startsWith("http://127.0.0.1:8083/subscribe/confirm?token=");
        assertThat(html).contains("<a href=\"" + link + "\"", ">" + link + "</a>");

        HttpResponse<String> confirmed = get(local(link));

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("<h1>You're subscribed</h1>", "one email a day", "href=\"/preferences?token=");
        assertThat(row(address)).containsEntry("status", "confirmed");
        assertThat(jdbc.queryForObject("SELECT confirmed_at IS NOT NULL FROM subscriber WHERE email = ?", Boolean.class, address)).isTrue();
        assertThat(get(local(link)).statusCode()).as("the link opened again").isEqualTo(200);
    }

    @Test
    void filledHoneypotIsAnsweredLikeASuccessButStoresAndSendsNothing() throws Exception {
        String robot = address();
        String reader = address();

        HttpResponse<String> trapped = postForm("/subscribe", Map.of("email", robot, "frequency", "each", "website", "https://spam.example"));
        HttpResponse<String> real = postForm("/subscribe", Map.of("email", reader, "frequency", "each", "website", ""));

        assertThat(trapped.statusCode()).isEqualTo(real.statusCode()).isEqualTo(200);
        assertThat(trapped.body()).isEqualTo(real.body());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subscriber WHERE email = ?", Long.class, robot)).isZero();
        // Sending is part of answering: the reader's email is in already, the robot's never will be.
        assertThat(mailsTo(reader)).hasSize(1);
        assertThat(mailsTo(robot)).isEmpty();
    }

    @Test
    void invalidAddressIsRefusedNextToTheFieldWithWhatWasTypedKept() throws Exception {
        HttpResponse<String> response = postForm("/subscribe", Map.of("email", "reader at example dot com",
                "topics", List.of("culture"), "frequency", "weekly", "website", ""));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("<title>Error: Subscribe – Newswire</title>",
                "Enter an email address like name@example.com", "href=\"#email\"", "value=\"reader at example dot com\"",
                "aria-invalid=\"true\" aria-describedby=\"email-error\"",
                "id=\"topic-5\" name=\"topics\" value=\"culture\" checked", "id=\"frequency-weekly\" name=\"frequency\" value=\"weekly\" checked");
        assertThat(postForm("/subscribe", Map.of("email", address(), "topics", List.of("gossip"))).body())
                .contains("Choose topics from the list");
        HttpResponse<String> badFrequency = postForm("/subscribe", Map.of("email", address(), "frequency", "hourly"));
        assertThat(badFrequency.statusCode()).isEqualTo(422);
        assertThat(badFrequency.body()).contains("Choose how often: each story, daily digest or weekly digest");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subscriber WHERE email LIKE ?", Long.class, "%@" + DOMAIN)).isZero();
    }

    @Test
    void secondSignupWithinTenMinutesUpdatesThePendingChoiceButMailsOnce() throws Exception {
        String address = address();

        HttpResponse<String> first = postForm("/subscribe", Map.of("email", address, "topics", List.of("sport"), "frequency", "each"));
        HttpResponse<String> second = postForm("/subscribe", Map.of("email", address, "topics", List.of("business"), "frequency", "weekly"));

        assertThat(second.statusCode()).isEqualTo(first.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(row(address)).containsEntry("status", "pending").containsEntry("topics", "{business}")
                .containsEntry("frequency", "weekly");
        assertThat(mailsTo(address)).hasSize(1);
    }

    @Test
    void confirmedReaderSigningUpAgainIsLeftAsIsAndRemindedOfTheirPreferencesLink() throws Exception {
        String address = address();
        UUID reader = insert(address, "confirmed", "{politics}", "daily", Instant.now());

        HttpResponse<String> again = postForm("/subscribe", Map.of("email", address, "topics", List.of("sport"), "frequency", "each"));
        HttpResponse<String> stranger = postForm("/subscribe", Map.of("email", address(), "frequency", "each"));

        assertThat(again.body()).as("never tells whether an address is known").isEqualTo(stranger.body());
        assertThat(row(address)).containsEntry("status", "confirmed").containsEntry("topics", "{politics}")
                .containsEntry("frequency", "daily");
        MimeMessage reminder = onlyMailTo(address);
        assertThat(reminder.getSubject()).isEqualTo("Your subscription to Newswire");
        assertThat(reminder.getMessageID()).startsWith("<subscribed." + reader + ".");
        String link = find(PREFERENCES_LINK, part(reminder, "text/plain"));
        assertThat(part(reminder, "text/html")).contains(link);
        assertThat(get(local(link)).body()).contains("id=\"topic-2\" name=\"topics\" value=\"politics\" checked");
        postForm("/subscribe", Map.of("email", address, "frequency", "each"));
        assertThat(mailsTo(address)).as("at most one email per 10 minutes, reminders too").hasSize(1);
    }

    @Test
    void unsubscribedOrBouncedReaderSigningUpAgainIsPendingAndConfirmsAgain() throws Exception {
        String left = address();
        String bounced = address();
        insert(left, "unsubscribed", "{}", "each", Instant.now().minus(Duration.ofDays(400)));
        insert(bounced, "bounced", "{}", "each", Instant.now().minus(Duration.ofDays(400)));

        postForm("/subscribe", Map.of("email", left, "topics", List.of("world"), "frequency", "weekly"));
        postForm("/subscribe", Map.of("email", bounced, "frequency", "each"));

        assertThat(row(left)).containsEntry("status", "pending").containsEntry("topics", "{world}");
        assertThat(row(bounced)).containsEntry("status", "pending");
        assertThat(get(local(find(CONFIRM_LINK, part(onlyMailTo(left), "text/plain")))).statusCode()).isEqualTo(200);
        assertThat(get(local(find(CONFIRM_LINK, part(onlyMailTo(bounced), "text/plain")))).statusCode()).isEqualTo(200);
        assertThat(row(left)).containsEntry("status", "confirmed");
        assertThat(row(bounced)).containsEntry("status", "confirmed");
    }

    @Test
    void forgedTamperedExpiredOrForeignTokensAreRefused() throws Exception {
        String address = address();
        UUID reader = insert(address, "pending", "{}", "each", Instant.now());
        String valid = tokens.issue(reader, SubscriberTokens.Purpose.CONFIRM, Instant.now().plus(Duration.ofDays(7)));
        String tampered = valid.substring(0, valid.length() - 2) + (valid.endsWith("A") ? "BB" : "AA");
        String otherPurpose = tokens.issue(reader, SubscriberTokens.Purpose.PREFERENCES, null);
        String expired = tokens.issue(reader, SubscriberTokens.Purpose.CONFIRM, Instant.now().minusSeconds(1));
        String forged = new SubscriberTokens("not-the-service-secret-but-long-enough!!", java.time.Clock.systemUTC())
                .issue(reader, SubscriberTokens.Purpose.CONFIRM, null);

        for (String token : List.of("", "nonsense", tampered, otherPurpose, expired, forged)) {
            HttpResponse<String> page = get("/subscribe/confirm?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            assertThat(page.statusCode()).as(token).isEqualTo(400);
            assertThat(page.body()).contains("<h1>This link is not valid or has expired</h1>", "href=\"/subscribe\"");
            HttpResponse<String> api = postJson("/api/v1/subscriptions/confirm", Map.of("token", token));
            assertThat(api.statusCode()).as(token).isEqualTo(400);
            assertThat(api.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
        assertThat(get("/subscribe/confirm").statusCode()).isEqualTo(400);
        assertThat(get("/preferences?token=" + valid).statusCode()).as("a confirmation token opens no preferences").isEqualTo(400);
        assertThat(get("/api/v1/subscriptions/preferences?token=" + valid).statusCode()).isEqualTo(400);
        assertThat(delete("/api/v1/subscriptions?token=" + valid).statusCode()).isEqualTo(400);
        assertThat(row(address)).containsEntry("status", "pending");
        assertThat(get("/subscribe/confirm?token=" + valid).statusCode()).isEqualTo(200);
    }

    @Test
    void preferencesPageShowsTheChoicesAndSavesNewOnes() throws Exception {
        String address = address();
        UUID reader = insert(address, "confirmed", "{world,sport}", "each", Instant.now());
        String token = tokens.issue(reader, SubscriberTokens.Purpose.PREFERENCES, null);

        HttpResponse<String> page = get("/preferences?token=" + token);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Your preferences</h1>", "action=\"/preferences?token=" + token + "\"",
                "value=\"world\" checked", "value=\"sport\" checked", "value=\"each\" checked", "Leave the newsletter")
                .doesNotContain("value=\"culture\" checked", address);

        HttpResponse<String> saved = postForm("/preferences?token=" + token,
                Map.of("topics", List.of("Culture", "politics"), "frequency", "weekly"));

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("<h1>Saved</h1>", "Topics: Politics, Culture", "How often: Weekly digest");
        assertThat(row(address)).containsEntry("status", "confirmed").containsEntry("topics", "{politics,culture}")
                .containsEntry("frequency", "weekly");
        HttpResponse<String> refused = postForm("/preferences?token=" + token, Map.of("topics", List.of("gossip"), "frequency", "daily"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Choose topics from the list", "value=\"daily\" checked");
        assertThat(row(address)).containsEntry("frequency", "weekly");
    }

    @Test
    void leavingFromThePreferencesPageUnsubscribes() throws Exception {
        String address = address();
        UUID reader = insert(address, "confirmed", "{}", "daily", Instant.now());
        HttpResponse<String> page = get("/preferences?token=" + tokens.issue(reader, SubscriberTokens.Purpose.PREFERENCES, null));
        String leave = find(Pattern.compile("<form method=\"post\" action=\"(/unsubscribe\\?token=[A-Za-z0-9_.-]+)\">"), page.body(), 1);

        HttpResponse<String> left = postForm(leave, Map.of("List-Unsubscribe", "One-Click"));

        assertThat(left.statusCode()).isEqualTo(200);
        assertThat(left.body()).contains("<h1>You are unsubscribed</h1>", "<html lang=\"en\">");
        assertThat(row(address)).containsEntry("status", "unsubscribed");
        assertThat(get("/preferences?token=" + tokens.issue(reader, SubscriberTokens.Purpose.PREFERENCES, null)).body())
                .contains("You have left the newsletter").doesNotContain("Leave the newsletter</button>");
    }

    @Test
    void tooManySignupsFromOneClientAreRefusedWith429AndRetryAfter() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(postForm("/subscribe", Map.of("email", "attempt " + i)).statusCode()).isEqualTo(422);
        }

        HttpResponse<String> page = postForm("/subscribe", Map.of("email", address()));
        HttpResponse<String> api = postJson("/api/v1/subscriptions", Map.of("email", address()));

        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.body()).contains("<h1>Too many signups</h1>", "try again</a> in 1 minute");
        assertThat(page.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(api.statusCode()).isEqualTo(429);
        assertThat(api.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(api.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(api).get("title").asString()).isEqualTo("Too many signups");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subscriber WHERE email LIKE ?", Long.class, "%@" + DOMAIN)).isZero();
        assertThat(post("/subscribe", "email=" + address(), "198.51.100.251").statusCode()).as("another client").isEqualTo(200);
    }

    @Test
    void sweepForgetsSignupsNobodyConfirmedInTime() {
        Instant longAgo = Instant.now().minus(Duration.ofDays(8));
        String expired = address();
        String fresh = address();
        String resent = address();
        String returning = address();
        String confirmed = address();
        insert(expired, "pending", "{}", "each", longAgo);
        insert(fresh, "pending", "{}", "each", Instant.now().minus(Duration.ofDays(6)));
        insert(resent, "pending", "{}", "each", longAgo);
        jdbc.update("UPDATE subscriber SET confirmation_sent_at = now() - interval '1 day' WHERE email = ?", resent);
        insert(returning, "pending", "{}", "each", longAgo);
        jdbc.update("UPDATE subscriber SET confirmed_at = now() - interval '300 days' WHERE email = ?", returning);
        insert(confirmed, "confirmed", "{}", "each", longAgo);

        assertThat(sweep.sweep()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForList("SELECT email FROM subscriber WHERE email LIKE ?", String.class, "%@" + DOMAIN))
                .containsExactlyInAnyOrder(fresh, resent, returning, confirmed);
    }

    @Test
    void jsonApiSignsUpConfirmsChangesPreferencesAndLeaves() throws Exception {
        String address = address();

        HttpResponse<String> signup = postJson("/api/v1/subscriptions",
                Map.of("email", address, "topics", List.of("Business"), "frequency", "daily"));

        assertThat(signup.statusCode()).isEqualTo(202);
        assertThat(json(signup).toString()).isEqualTo("{\"status\":\"pending\"}");
        String confirmToken = find(CONFIRM_LINK, part(onlyMailTo(address), "text/plain")).replaceFirst(".*token=", "");

        HttpResponse<String> confirmed = postJson("/api/v1/subscriptions/confirm", Map.of("token", confirmToken));

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(json(confirmed).get("status").asString()).isEqualTo("confirmed");
        String token = json(confirmed).get("preferencesToken").asString();
        HttpResponse<String> preferences = get("/api/v1/subscriptions/preferences?token=" + token);
        assertThat(preferences.statusCode()).isEqualTo(200);
        assertThat(json(preferences).toString())
                .isEqualTo("{\"topics\":[\"business\"],\"frequency\":\"daily\",\"status\":\"confirmed\"}");

        HttpResponse<String> changed = putJson("/api/v1/subscriptions/preferences?token=" + token,
                Map.of("topics", List.of("world", "Sport"), "frequency", "weekly"));

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json(changed).toString())
                .isEqualTo("{\"topics\":[\"world\",\"sport\"],\"frequency\":\"weekly\",\"status\":\"confirmed\"}");
        HttpResponse<String> refused = putJson("/api/v1/subscriptions/preferences?token=" + token,
                Map.of("topics", List.of("gossip"), "frequency", "hourly"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(refused).get("errors").toString()).isEqualTo("[{\"field\":\"topics\",\"message\":\"Choose topics from the list\"},"
                + "{\"field\":\"frequency\",\"message\":\"Choose how often: each story, daily digest or weekly digest\"}]");

        assertThat(delete("/api/v1/subscriptions?token=" + token).statusCode()).isEqualTo(204);
        assertThat(row(address)).containsEntry("status", "unsubscribed").containsEntry("topics", "{world,sport}");
        assertThat(json(get("/api/v1/subscriptions/preferences?token=" + token)).get("status").asString()).isEqualTo("unsubscribed");
    }

    @Test
    void jsonApiRefusesInvalidSignupsAndTrapsRobotsLikeTheForm() throws Exception {
        String robot = address();

        HttpResponse<String> invalid = postJson("/api/v1/subscriptions", Map.of("email", "name@localhost", "frequency", "daily"));
        HttpResponse<String> trapped = postJson("/api/v1/subscriptions", Map.of("email", robot, "website", "x"));

        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json(invalid);
        assertThat(problem.get("status").asInt()).isEqualTo(422);
        assertThat(problem.get("detail").asString()).isEqualTo("Invalid field(s): email");
        assertThat(problem.get("errors").toString())
                .isEqualTo("[{\"field\":\"email\",\"message\":\"Enter an email address like name@example.com\"}]");
        assertThat(trapped.statusCode()).isEqualTo(202);
        assertThat(trapped.body()).isEqualTo("{\"status\":\"pending\"}");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subscriber WHERE email = ?", Long.class, robot)).isZero();
        assertThat(mailsTo(robot)).isEmpty();
        assertThat(postJson("/api/v1/subscriptions", "{\"email\": ").statusCode()).isEqualTo(400);
    }

    @Test
    void wholeSignupNeverLogsTheAddress(CapturedOutput output) throws Exception {
        String address = address();

        postForm("/subscribe", Map.of("email", address.toUpperCase(), "topics", List.of("world"), "frequency", "daily"));
        postForm("/subscribe", Map.of("email", address, "frequency", "each"));
        postJson("/api/v1/subscriptions", Map.of("email", address, "frequency", "weekly"));
        String link = find(CONFIRM_LINK, part(onlyMailTo(address), "text/plain"));
        HttpResponse<String> confirmed = get(local(link));
        String preferences = find(Pattern.compile("href=\"(/preferences\\?token=[A-Za-z0-9_.-]+)\""), confirmed.body(), 1);
        get(preferences);
        postForm(preferences, Map.of("topics", List.of("sport"), "frequency", "weekly"));
        String token = preferences.replaceFirst(".*token=", "");
        putJson("/api/v1/subscriptions/preferences?token=" + token, Map.of("topics", List.of(), "frequency", "each"));
        postForm("/subscribe", Map.of("email", address, "frequency", "each"));
        delete("/api/v1/subscriptions?token=" + token);

        assertThat(row(address)).containsEntry("status", "unsubscribed");
        String local = address.substring(0, address.indexOf('@'));
        assertThat(output.getAll()).containsIgnoringCase("subscriber " + row(address).get("id"));
        // GreenMail, in this JVM, plays the reader's own mail server, which knows the address; notify must not.
        assertThat(output.getAll().lines().filter(line -> !line.contains("c.icegreen.greenmail")))
                .noneMatch(line -> line.toLowerCase().contains(local));
    }

    private String address() {
        return "reader-" + UUID.randomUUID() + "@" + DOMAIN;
    }

    private UUID insert(String address, String status, String topics, String frequency, Instant createdAt) {
        return jdbc.queryForObject("""
                INSERT INTO subscriber (email, status, topics, frequency, created_at, confirmed_at)
                VALUES (?, ?, ?::text[], ?, ?, CASE WHEN ? = 'confirmed' THEN now() END) RETURNING id""", UUID.class,
                address, status, topics, frequency, java.sql.Timestamp.from(createdAt), status);
    }

    private Map<String, Object> row(String address) {
        return jdbc.queryForMap("SELECT id, status, topics::text AS topics, frequency FROM subscriber WHERE email = ?", address);
    }

    private MimeMessage onlyMailTo(String address) {
        List<MimeMessage> mails = await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(address), list -> !list.isEmpty());
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    private List<MimeMessage> mailsTo(String address) throws MessagingException {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage mail : smtp.receivedMessages()) {
            Message.RecipientType to = Message.RecipientType.TO;
            if (mail.getRecipients(to) != null && Arrays.stream(mail.getRecipients(to))
                    .anyMatch(recipient -> ((InternetAddress) recipient).getAddress().equalsIgnoreCase(address))) {
                mails.add(mail);
            }
        }
        return mails;
    }

    static String part(MimeMessage mail, String type) throws MessagingException, IOException {
        MimeMultipart alternatives = (MimeMultipart) mail.getContent();
        for (int i = 0; i < alternatives.getCount(); i++) {
            if (alternatives.getBodyPart(i).isMimeType(type)) {
                return (String) alternatives.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("No " + type + " part");
    }

    private static String find(Pattern pattern, String text) {
        return find(pattern, text, 0);
    }

    private static String find(Pattern pattern, String text, int group) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(group);
    }

    /** The link as mailed points at the public base URL; this test's server listens on its own port. */
    private static String local(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path, client).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return http.send(request(path, client).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String path, Map<String, Object> fields) throws Exception {
        List<String> pairs = new ArrayList<>();
        fields.forEach((name, value) -> {
            for (Object one : value instanceof List<?> list ? list : List.of(value)) {
                pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(one.toString(), StandardCharsets.UTF_8));
            }
        });
        return post(path, String.join("&", pairs), client);
    }

    private HttpResponse<String> post(String path, String form, String from) throws Exception {
        return http.send(request(path, from).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String path, Object body) throws Exception {
        String json = body instanceof String raw ? raw : JSON.writeValueAsString(body);
        return http.send(request(path, client).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> putJson(String path, Object body) throws Exception {
        return http.send(request(path, client).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String from) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("X-Forwarded-For", from);
    }
}
