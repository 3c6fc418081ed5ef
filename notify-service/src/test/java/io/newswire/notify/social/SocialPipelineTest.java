package io.newswire.notify.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswire.events.ArticleTopic;
import io.newswire.testsupport.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The social pipeline end to end: article events go onto {@code newswire.articles} as ingest writes
 * them, notify runs as the real application against a real broker and database, and the accounts
 * are generic webhooks on recording stand-ins. What is asserted is what the platforms received,
 * the ledger, the admin API and the health endpoint.
 */
// Starts an instance of its own in consumer group notify-service: runs in the own-instances JVM.
@Tag("own-instances")
class SocialPipelineTest {

    private static final String ADMIN_KEY = "test-social-admin-key";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static final PlatformStandIn platform = new PlatformStandIn().otherwise(SocialPipelineTest::created);
    private static final PlatformStandIn authPlatform = new PlatformStandIn().otherwise(SocialPipelineTest::created);
    private static final PlatformStandIn limitedPlatform = new PlatformStandIn().otherwise(SocialPipelineTest::created);
    private static final PlatformStandIn downPlatform = new PlatformStandIn()
            .otherwise(request -> PlatformStandIn.Response.json(503, "{\"error\":\"maintenance\"}"));
    private static final JdbcClient jdbc = SocialInstance.database();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static SocialArticleEvents articles;
    private static SocialInstance notify;

    @BeforeAll
    static void start() {
        articles = new SocialArticleEvents();
        List<String> settings = new ArrayList<>();
        account(settings, 0, "news-en", platform, "filters.categories=news-" + RUN, "filters.languages=en");
        account(settings, 1, "climate", platform, "filters.tags=climate-" + RUN);
        account(settings, 2, "news-kk", platform, "filters.categories=news-" + RUN, "filters.languages=KK");
        account(settings, 3, "corrections", platform, "filters.categories=corrections-" + RUN);
        account(settings, 4, "auth", authPlatform, "filters.categories=auth-" + RUN);
        account(settings, 5, "limited", limitedPlatform, "filters.categories=limited-" + RUN);
        account(settings, 6, "late", platform, "filters.categories=late-" + RUN);
        account(settings, 7, "down", downPlatform, "filters.categories=down-" + RUN);
        // Quick retries, so that a post past its retry budget is dead-lettered within the test.
        settings.addAll(List.of("--newswire.social.retry.initial-interval=100ms", "--newswire.social.retry.max-interval=200ms",
                "--newswire.social.retry.max-retries=2"));
        notify = SocialInstance.start(settings);
    }

    @AfterAll
    static void stop() {
        notify.close();
        articles.close();
        platform.close();
        authPlatform.close();
        limitedPlatform.close();
        downPlatform.close();
    }

    @Test
    void storiesGoToTheAccountsWhoseFiltersTheyMatch() {
        var englishNews = articles.publish(SocialArticleEvents.Story.of("Budget passes", List.of("News-" + RUN), List.of(), "en-GB"));
        var kazakhClimate = articles.publish(SocialArticleEvents.Story.of("Климат", List.of("news-" + RUN), List.of("Climate-" + RUN), "kk"));
        var elsewhere = articles.publish(SocialArticleEvents.Story.of("Sport", List.of("sport-" + RUN), List.of(), "en"));

        await().atMost(PATIENCE).until(() -> posted(englishNews.id()) + posted(kazakhClimate.id()) == 3);
        awaitIdle();

        assertThat(storiesPostedAt("news-en")).containsExactly(englishNews.id());
        assertThat(storiesPostedAt("news-kk")).containsExactly(kazakhClimate.id());
        assertThat(storiesPostedAt("climate")).containsExactly(kazakhClimate.id());
        assertThat(jdbc.sql("SELECT count(*) FROM social_post WHERE story_id = :story").param("story", elsewhere.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void redeliveredPublishedEventPostsOnceNewTitleEditsAndRetractionDeletesThePost() throws Exception {
        var story = SocialArticleEvents.Story.of("Minister resigns", List.of("corrections-" + RUN), List.of(), "en");
        articles.publish(story);
        await().atMost(PATIENCE).until(() -> posted(story.id()) == 1);
        String postId = jdbc.sql("SELECT post_id FROM social_post WHERE story_id = :story").param("story", story.id())
                .query(String.class).single();

        articles.publish(story);
        awaitIdle();
        articles.write(SocialArticleEvents.UPDATED, story.next(story.title()));
        var retitled = story.next(story.title()).next("Minister resigns, successor named");
        articles.write(SocialArticleEvents.UPDATED, retitled);
        await().atMost(PATIENCE).until(() -> requestsAt(platform, "corrections").stream().anyMatch(r -> r.method().equals("PUT")));
        articles.write(SocialArticleEvents.RETRACTED, retitled.next(retitled.title()));

        await().atMost(PATIENCE).until(() -> status(story.id(), "corrections").equals(Optional.of("deleted")));
        assertThat(requestsAt(platform, "corrections").stream()
                .filter(request -> request.method().equals("POST") && storyOf(request).equals(story.id()))).hasSize(1);
        assertThat(requestsAt(platform, "corrections").stream().filter(request -> request.method().equals("PUT")))
                .as("one edit: the first update kept the title").singleElement()
                .satisfies(put -> assertThat(json.readTree(put.body()).get("title").asString()).isEqualTo("Minister resigns, successor named"));
        assertThat(requestsAt(platform, "corrections").stream().filter(request -> request.method().equals("DELETE")))
                .singleElement()
                .satisfies(delete -> assertThat(delete.path()).isEqualTo(path("corrections") + "/" + postId));
    }

    @Test
    void rateLimitedPostIsRetriedAfterExactlyThePlatformsWait() throws Exception {
        limitedPlatform.then(PlatformStandIn.Response.json(429, "{\"error\":\"slow down\"}").withHeader("Retry-After", "2"));
        var story = articles.publish(SocialArticleEvents.Story.of("Rates rise", List.of("limited-" + RUN), List.of(), "en"));

        await().atMost(PATIENCE).until(() -> posted(story.id()) == 1);

        List<PlatformStandIn.Request> requests = limitedPlatform.requests();
        assertThat(requests).hasSize(2);
        Duration waited = Duration.between(requests.get(0).arrivedAt(), requests.get(1).arrivedAt());
        System.out.printf("429 with Retry-After: 2; the next request came %d ms later%n", waited.toMillis());
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        JsonNode status = admin("GET", "/api/v1/admin/social/stories/" + story.id(), 200);
        JsonNode limited = status.get("accounts").get(0);
        assertThat(limited.get("accountId").asString()).isEqualTo(id("limited"));
        assertThat(limited.get("status").asString()).isEqualTo("posted");
        assertThat(limited.get("attempts").asInt()).isEqualTo(2);
        assertThat(limited.get("postId").asString()).isNotBlank();
    }

    @Test
    void serverErrorsPastTheRetryBudgetDeadLetterTheWorkAndFailThePost() throws Exception {
        var story = articles.publish(SocialArticleEvents.Story.of("Outage", List.of("down-" + RUN), List.of(), "en"));

        await().atMost(PATIENCE).until(() -> status(story.id(), "down").equals(Optional.of("failed")));

        assertThat(downPlatform.requests()).as("the first attempt and two retries").hasSize(3);
        JsonNode post = admin("GET", "/api/v1/admin/social/stories/" + story.id(), 200).get("accounts").get(0);
        assertThat(post.get("status").asString()).isEqualTo("failed");
        assertThat(post.get("attempts").asInt()).isEqualTo(3);
        assertThat(post.get("error").asString()).contains("503");
        JsonNode deadLetters = adminAs("test-admin-key", "GET", "/api/v1/admin/dead-letters", 200);
        assertThat(deadLetters.toString()).contains("newswire.social.work.notify-service.dlt", id("down"));

        // The platform is back: replaying the dead letter through the admin API posts the story once.
        JsonNode deadLetter = null;
        for (JsonNode candidate : deadLetters.get("deadLetters")) {
            if (candidate.get("topic").asString().equals("newswire.social.work.notify-service.dlt")
                    && candidate.get("value").asString().contains(story.id())) {
                deadLetter = candidate;
            }
        }
        assertThat(deadLetter).as("the story's dead letter").isNotNull();
        downPlatform.then(SocialPipelineTest::created);
        adminAs("test-admin-key", "POST", "/api/v1/admin/dead-letters/newswire.social.work.notify-service.dlt/"
                + deadLetter.get("partition").asInt() + "/" + deadLetter.get("offset").asLong() + "/replay", 202);
        await().atMost(PATIENCE).until(() -> status(story.id(), "down").equals(Optional.of("posted")));
        assertThat(downPlatform.requests()).as("one more call, the one that posted").hasSize(4);
    }

    @Test
    void refusedCredentialsPauseTheAccountHoldItsPostsAndTheResumeSendsThem() throws Exception {
        authPlatform.then(PlatformStandIn.Response.json(401, "{\"error\":\"invalid token\"}"));
        var first = articles.publish(SocialArticleEvents.Story.of("First", List.of("auth-" + RUN), List.of(), "en"));
        await().atMost(PATIENCE).until(() -> status(first.id(), "auth").equals(Optional.of("held")));
        var second = articles.publish(SocialArticleEvents.Story.of("Second", List.of("auth-" + RUN), List.of(), "en"));
        await().atMost(PATIENCE).until(() -> status(second.id(), "auth").equals(Optional.of("held")));

        assertThat(authPlatform.requests()).as("a paused account is not called").hasSize(1);
        JsonNode accounts = admin("GET", "/api/v1/admin/social/accounts", 200);
        JsonNode auth = find(accounts, id("auth"));
        assertThat(auth.get("paused").asBoolean()).isTrue();
        assertThat(auth.get("reason").asString()).contains("UNAUTHORIZED").doesNotContain("auth-secret");
        assertThat(accounts.toString()).doesNotContain("auth-secret");
        JsonNode health = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode social = health.get("components").get("social");
        assertThat(social.get("details").get("attention").toString()).contains(id("auth"));
        assertThat(social.get("details").get("accounts").get(id("auth")).get("state").asString()).isEqualTo("paused");

        JsonNode resumed = admin("POST", "/api/v1/admin/social/accounts/" + id("auth") + "/resume", 200);

        assertThat(resumed.get("planned").asInt()).isEqualTo(2);
        await().atMost(PATIENCE).until(() -> posted(first.id()) + posted(second.id()) == 2);
        assertThat(authPlatform.requests()).hasSize(3);
        assertThat(find(admin("GET", "/api/v1/admin/social/accounts", 200), id("auth")).get("paused").asBoolean()).isFalse();
    }

    @Test
    void backfillPostsTheRecentStoriesOfOneAccountOnly() throws Exception {
        String recent = storySeen("late-" + RUN, Duration.ofDays(2));
        storySeen("late-" + RUN, Duration.ofDays(10));
        storySeen("other-" + RUN, Duration.ofDays(1));

        JsonNode backfill = admin("POST", "/api/v1/admin/social/accounts/" + id("late") + "/backfill?days=3", 202);

        assertThat(backfill.get("planned").asInt()).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> posted(recent) == 1);
        awaitIdle();
        assertThat(storiesPostedAt("late")).containsExactly(recent);
        assertThat(jdbc.sql("SELECT account_id FROM social_post WHERE story_id = :story").param("story", recent)
                .query(String.class).list()).containsExactly(id("late"));
        assertThat(admin("POST", "/api/v1/admin/social/accounts/" + id("late") + "/backfill?days=3", 202).get("planned").asInt())
                .as("already posted").isZero();
    }

    // --- helpers ---

    private static void account(List<String> settings, int index, String name, PlatformStandIn standIn, String... more) {
        String prefix = "--newswire.social.accounts[" + index + "].";
        settings.add(prefix + "id=" + id(name));
        settings.add(prefix + "network=WEBHOOK");
        settings.add(prefix + "settings.url=" + standIn.base() + path(name));
        settings.add(prefix + "credentials.secret=" + name + "-secret");
        for (String setting : more) {
            settings.add(prefix + setting);
        }
    }

    private static String id(String name) {
        return name + "-" + RUN;
    }

    private static String path(String name) {
        return "/hooks/" + id(name);
    }

    private static PlatformStandIn.Response created(PlatformStandIn.Request request) {
        return request.method().equals("DELETE") ? PlatformStandIn.Response.status(204)
                : PlatformStandIn.Response.json(201, "{\"id\":\"" + UUID.randomUUID() + "\",\"url\":\"https://hooks.example/p/1\"}");
    }

    private static List<PlatformStandIn.Request> requestsAt(PlatformStandIn standIn, String name) {
        return standIn.requests().stream().filter(request -> request.path().startsWith(path(name))).toList();
    }

    private static List<String> storiesPostedAt(String name) {
        return requestsAt(platform, name).stream().filter(request -> request.method().equals("POST"))
                .map(SocialPipelineTest::storyOf).toList();
    }

    private static String storyOf(PlatformStandIn.Request request) {
        return json.readTree(request.body()).get("storyId").asString();
    }

    private static long posted(String storyId) {
        return jdbc.sql("SELECT count(*) FROM social_post WHERE story_id = :story AND status = 'posted'")
                .param("story", storyId).query(Long.class).single();
    }

    private static Optional<String> status(String storyId, String name) {
        return jdbc.sql("SELECT status FROM social_post WHERE story_id = :story AND account_id = :account")
                .param("story", storyId).param("account", id(name)).query(String.class).optional();
    }

    /** A story notify recorded that long ago (before the account existed), straight into table story. */
    private static String storySeen(String category, Duration ago) {
        String id = UUID.randomUUID().toString();
        Instant publishedAt = Instant.now().minus(ago);
        String snapshot = """
                {"id":"%s","version":1,"url":"https://example.com/news/%s","title":"Earlier","summary":"",
                 "contentHtml":"<p>x</p>","authors":[],"categories":["%s"],"tags":[],"language":"en",
                 "publishedAt":"%s","updatedAt":"%s","leadImage":null}""".formatted(id, id, category, publishedAt, publishedAt);
        jdbc.sql("""
                INSERT INTO story (id, version, snapshot, categories, published_at)
                VALUES (:id, 1, CAST(:snapshot AS jsonb), ARRAY[:category], :publishedAt)""")
                .param("id", id).param("snapshot", snapshot).param("category", category)
                .param("publishedAt", java.time.OffsetDateTime.ofInstant(publishedAt, java.time.ZoneOffset.UTC))
                .update();
        return id;
    }

    private static JsonNode find(JsonNode accounts, String id) {
        for (JsonNode account : accounts) {
            if (account.get("id").asString().equals(id)) {
                return account;
            }
        }
        throw new AssertionError("No account " + id + " in " + accounts);
    }

    private static String base() {
        return "http://127.0.0.1:" + notify.port();
    }

    private static JsonNode admin(String method, String path, int expectedStatus) throws Exception {
        return adminAs(ADMIN_KEY, method, path, expectedStatus);
    }

    private static JsonNode adminAs(String key, String method, String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + key)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    /** Waits until group notify-service has committed every article event and every social work record on the topics. */
    private static void awaitIdle() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers()))) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                Set<String> topics = Set.of(ArticleTopic.NAME, SocialFanOut.TOPIC);
                Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames().get().values().stream()
                        .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
                Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("notify-service")
                        .partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()));
            });
        }
    }
}
