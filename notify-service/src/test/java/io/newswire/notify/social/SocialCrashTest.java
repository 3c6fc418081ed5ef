package io.newswire.notify.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The must-show: notify is stopped in the middle of posting 100 stories to 5 accounts and
 * started again, and in the end every account has every story exactly once. The accounts are
 * generic webhooks on a recording stand-in, each at a path of its own; the service runs as the real
 * application against a real broker and database.
 */
// Starts instances of its own in consumer group notify-service: runs in the own-instances JVM.
@Tag("own-instances")
class SocialCrashTest {

    private static final int STORIES = 100;
    private static final int ACCOUNTS = 5;

    private final JdbcClient jdbc = SocialInstance.database();
    private final SocialArticleEvents articles = new SocialArticleEvents();
    private final PlatformStandIn platform = new PlatformStandIn()
            .otherwise(request -> PlatformStandIn.Response.json(201, "{\"id\":\"" + UUID.randomUUID() + "\"}"));
    private final JsonMapper json = JsonMapper.builder().build();
    // Fresh account ids per run: the ledger and the stand-in's paths are this test's alone.
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void tearDown() {
        articles.close();
        platform.close();
    }

    @Test
    void stoppedHalfWayThroughFiveHundredPostsEveryAccountEndsWithEveryStoryOnce() {
        List<String> settings = accounts();
        List<String> stories = new ArrayList<>();
        try (SocialInstance first = SocialInstance.start(settings)) {
            for (int i = 0; i < STORIES; i++) {
                stories.add(articles.publish(SocialArticleEvents.Story.of("Story " + i, List.of("crash-" + run), List.of(), "en")).id());
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> posts().size() >= 100);
        }
        int beforeRestart = posts().size();
        assertThat(beforeRestart).as("the stop interrupted the posting").isLessThan(STORIES * ACCOUNTS);

        try (SocialInstance second = SocialInstance.start(settings)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> posted() == STORIES * ACCOUNTS);
        }

        Map<String, Long> postsPerAccountAndStory = posts().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        // The figures the issue asks to see, in the test's output file (target/surefire-reports).
        System.out.printf("Posting stopped after %d of %d posts; after the restart the stand-in holds %d posts,"
                + " %d distinct (account, story) pairs%n", beforeRestart, STORIES * ACCOUNTS, posts().size(),
                postsPerAccountAndStory.size());
        assertThat(postsPerAccountAndStory).hasSize(STORIES * ACCOUNTS)
                .allSatisfy((post, times) -> assertThat(times).as(post).isOne());
        for (int account = 1; account <= ACCOUNTS; account++) {
            String path = path(account);
            assertThat(postsPerAccountAndStory.keySet().stream().filter(post -> post.startsWith(path + " ")).map(post -> post.substring(path.length() + 1)))
                    .as(path).containsExactlyInAnyOrderElementsOf(stories);
        }
        assertThat(jdbc.sql("SELECT status, count(*) FROM social_post WHERE account_id LIKE :accounts GROUP BY status")
                .param("accounts", "crash-" + run + "-%")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list())
                .containsExactly(Map.entry("posted", (long) STORIES * ACCOUNTS));
    }

    /** Each post the stand-in received, as "account-path storyId". */
    private List<String> posts() {
        return platform.requests().stream()
                .filter(request -> request.method().equals("POST"))
                .map(request -> request.path() + " " + json.readTree(request.body()).get("storyId").asString())
                .toList();
    }

    private long posted() {
        return jdbc.sql("SELECT count(*) FROM social_post WHERE account_id LIKE :accounts AND status = 'posted'")
                .param("accounts", "crash-" + run + "-%")
                .query(Long.class)
                .single();
    }

    private String path(int account) {
        return "/hooks/" + run + "/" + account;
    }

    /**
     * Five webhook accounts, each taking this run's stories. Paced at 10 posts a second per account
     * (the limit, not latency, sets the speed), so the stop lands in the middle.
     */
    private List<String> accounts() {
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String prefix = "--newswire.social.accounts[" + i + "].";
            settings.add(prefix + "id=crash-" + run + "-" + (i + 1));
            settings.add(prefix + "network=WEBHOOK");
            settings.add(prefix + "settings.url=" + platform.base() + path(i + 1));
            settings.add(prefix + "credentials.secret=crash-secret");
            settings.add(prefix + "filters.categories=crash-" + run);
            settings.add(prefix + "rate-limit.posts-per-minute=600");
            settings.add(prefix + "rate-limit.burst=1");
        }
        return settings;
    }
}
