package io.newswire.feed;

import static io.newswire.feed.FeedAssertions.assertReadableJson;
import static io.newswire.feed.FeedAssertions.assertReadableXml;
import static io.newswire.feed.FeedAssertions.assertReadableXmlListing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.newswire.testsupport.Feedparser;
import io.newswire.testsupport.WithKafka;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The HTTP behaviour of the feeds, one test each, on the real server over a real broker. The same
 * configuration as {@link FeedServiceIntegrationTest}, so both share one application context; each
 * test uses a category of its own, so that what other tests publish does not move its feeds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@WithKafka
@Import(RecordedFeedChanges.class)
class FeedHttpIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ArticleTopicWriter TOPIC = new ArticleTopicWriter();

    @LocalServerPort
    private int port;

    @Autowired
    private RecordedFeedChanges changes;

    @Autowired
    private MeterRegistry meters;

    @AfterAll
    static void closeWriter() {
        TOPIC.close();
    }

    @Test
    void everyKindOfFeedIsServedInEveryFormat() {
        String category = category();
        String id = publishIn(category, "Story in every feed");

        for (String prefix : new String[] {"", "/categories/" + category, "/tags/test", "/authors/ada-reporter"}) {
            HttpResponse<byte[]> rss = get(prefix + "/rss.xml");
            HttpResponse<byte[]> atom = get(prefix + "/atom.xml");
            HttpResponse<byte[]> json = get(prefix + "/feed.json");
            assertThat(rss.headers().firstValue("Content-Type")).hasValue("application/rss+xml;charset=utf-8");
            assertThat(atom.headers().firstValue("Content-Type")).hasValue("application/atom+xml;charset=utf-8");
            assertThat(json.headers().firstValue("Content-Type")).hasValue("application/feed+json;charset=utf-8");
            if (prefix.startsWith("/categories/")) {
                assertReadableXml(rss.body(), id);
                assertReadableXml(atom.body(), id);
                assertReadableJson(json.body(), id);
            }
            else {
                assertReadableXmlListing(rss.body(), id);
                assertReadableXmlListing(atom.body(), id);
                assertThat(text(json)).contains("urn:uuid:" + id);
            }
            assertThat(rss.headers().firstValue("Link")).hasValue("<http://127.0.0.1:8082" + prefix
                    + "/rss.xml>; rel=\"self\"");
            assertThat(text(rss)).contains("<media:content url=\"https://img.news.example/" + id + ".jpg\"");
        }
    }

    @Test
    void matchingIfNoneMatchIsAnsweredNotModified() {
        String feed = "/categories/" + category() + "/atom.xml";
        publishIn(feed.split("/")[2], "Story for If-None-Match");
        String etag = get(feed).headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> response = get(feed, "If-None-Match", etag);

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ETag")).hasValue(etag);
    }

    @Test
    void ifModifiedSinceTheLastChangeIsAnsweredNotModified() {
        String category = category();
        String feed = "/categories/" + category + "/rss.xml";
        publishIn(category, "Story for If-Modified-Since");
        String lastModified = get(feed).headers().firstValue("Last-Modified").orElseThrow();
        String anHourBefore = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime
                .parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).minusHours(1).withZoneSameInstant(ZoneOffset.UTC));

        HttpResponse<byte[]> unchanged = get(feed, "If-Modified-Since", lastModified);
        HttpResponse<byte[]> changed = get(feed, "If-Modified-Since", anHourBefore);

        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(changed.statusCode()).isEqualTo(200);
    }

    @Test
    void headGivesTheHeadersOfGetWithoutABody() throws Exception {
        String feed = "/categories/" + category() + "/feed.json";
        publishIn(feed.split("/")[2], "Story for HEAD");
        HttpResponse<byte[]> full = get(feed);

        HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(uri(feed)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        for (String header : new String[] {"ETag", "Last-Modified", "Content-Type", "Cache-Control", "Link"}) {
            assertThat(head.headers().firstValue(header)).as(header).isPresent().isEqualTo(full.headers().firstValue(header));
        }
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(full.body().length));
    }

    @Test
    void gzipIsServedToClientsThatAcceptItAndVariesByAcceptEncoding() throws Exception {
        String feed = "/categories/" + category() + "/rss.xml";
        publishIn(feed.split("/")[2], "Story for gzip");
        HttpResponse<byte[]> plain = get(feed);

        HttpResponse<byte[]> gzip = get(feed, "Accept-Encoding", "br;q=1.0, gzip;q=0.8");

        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzip.headers().allValues("Vary")).contains("Accept-Encoding");
        assertThat(plain.headers().allValues("Vary")).contains("Accept-Encoding");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes()).isEqualTo(plain.body());
        // A strong validator names exact bytes, and the compressed bytes are other bytes.
        String gzipEtag = gzip.headers().firstValue("ETag").orElseThrow();
        assertThat(gzipEtag).isNotEqualTo(plain.headers().firstValue("ETag").orElseThrow());
        assertThat(get(feed, "Accept-Encoding", "gzip", "If-None-Match", gzipEtag).statusCode()).isEqualTo(304);
    }

    @Test
    void etagChangesExactlyWhenTheFeedsBytesDo() {
        String category = category();
        String feed = "/categories/" + category + "/atom.xml";
        publishIn(category, "First story of the category");
        HttpResponse<byte[]> before = get(feed);
        String etag = before.headers().firstValue("ETag").orElseThrow();

        // Another category's story changes the site's feed but not this one.
        String elsewhere = publishIn(category(), "Story elsewhere");
        await().atMost(PATIENCE).until(() -> text(get("/atom.xml")).contains("urn:uuid:" + elsewhere));
        HttpResponse<byte[]> same = get(feed);
        assertThat(same.headers().firstValue("ETag")).hasValue(etag);
        assertThat(same.body()).isEqualTo(before.body());

        String next = publishIn(category, "Second story of the category");
        HttpResponse<byte[]> after = get(feed);
        assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(assertReadableXmlListing(after.body(), next).entries()).hasSize(2);
    }

    @Test
    void feedAnswersAreCountedByFormatAndStatus() {
        String feed = "/categories/" + category() + "/feed.json";
        publishIn(feed.split("/")[2], "Story for the counters");
        double ok = served("json", "200");
        double notModified = served("json", "304");

        String etag = get(feed).headers().firstValue("ETag").orElseThrow();
        get(feed, "If-None-Match", etag);

        assertThat(served("json", "200")).isEqualTo(ok + 1);
        assertThat(served("json", "304")).isEqualTo(notModified + 1);
    }

    @Test
    void unknownSlugIsAProblemNotFound() {
        HttpResponse<byte[]> response = get("/categories/no-such-category-" + UUID.randomUUID() + "/rss.xml",
                "Accept", "application/rss+xml");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(text(response)).contains("\"status\":404").contains("\"title\":\"No such feed\"");
    }

    @Test
    void indexAndOpmlListTheFeeds() {
        String category = category();
        publishIn(category, "Story for the index");

        HttpResponse<byte[]> html = get("/feeds");
        HttpResponse<byte[]> opml = get("/feeds.opml");

        assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(text(html)).contains("<html lang=\"en\">", "<meta name=\"viewport\"",
                "<link rel=\"alternate\" type=\"application/atom+xml\"", "/categories/" + category + "/feed.json");
        assertThat(text(opml)).contains("<opml version=\"2.0\">",
                "xmlUrl=\"http://127.0.0.1:8082/categories/" + category + "/rss.xml\"");
    }

    @Test
    void changedFeedsAreAnnouncedTogetherByTheirSelfUrls() {
        // Changes read while the topic is replayed at start are not announced; readiness says when that is over.
        await().atMost(PATIENCE).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        String category = category();

        publishIn(category, "Story to announce");

        String base = "http://127.0.0.1:8082/categories/" + category;
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(changes.batches()).anySatisfy(batch -> assertThat(batch)
                .contains(URI.create(base + "/rss.xml"), URI.create(base + "/atom.xml"), URI.create(base + "/feed.json"),
                        URI.create("http://127.0.0.1:8082/rss.xml"))));
    }

    @Test
    void currentFeedLinksToArchivesCachedForADayThatARetractedArticleLeaves() {
        // Max items is 50, so 50 stories dated decades before any other test's fill the oldest archive page.
        String category = category();
        Instant longAgo = Instant.parse("1971-01-01T00:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            TOPIC.publish("newswire.article.published", id, ArticleTopicWriter.article(id, 1, "Archived story " + i,
                    category, longAgo.plusSeconds(60L * i), longAgo.plusSeconds(60L * i)));
        }
        String retracted = ids.get(17);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(archivedIds())
                .containsAll(ids.stream().map(id -> "urn:uuid:" + id).toList()));

        Instant publishedAt = longAgo.plusSeconds(60L * 17);
        TOPIC.publish("newswire.article.retracted", retracted, ArticleTopicWriter.article(retracted, 2,
                "Archived story 17", category, publishedAt, publishedAt.plusSeconds(3600)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(archivedIds()).doesNotContain("urn:uuid:" + retracted)
                .contains(ids.stream().filter(id -> !id.equals(retracted)).map(id -> "urn:uuid:" + id)
                        .toArray(String[]::new)));
    }

    /**
     * The entry ids of every archive page of the site's Atom feed, found as a reader finds them: from the
     * current feed's {@code prev-archive} link onward, checking that each page is an archive cached for a day.
     */
    private List<String> archivedIds() {
        List<String> ids = new ArrayList<>();
        Feedparser.Result page = readable(get("/atom.xml").body());
        Optional<String> previous = link(page, "prev-archive");
        assertThat(previous).as("prev-archive of the current feed").isPresent();
        while (previous.isPresent()) {
            HttpResponse<byte[]> archive = get(URI.create(previous.get()).getPath());
            assertThat(archive.statusCode()).as(previous.get()).isEqualTo(200);
            assertThat(archive.headers().firstValue("Cache-Control")).hasValueSatisfying(
                    cache -> assertThat(cache).contains("max-age=86400", "public"));
            assertThat(text(archive)).contains("<fh:archive />");
            page = readable(archive.body());
            assertThat(link(page, "current")).hasValue("http://127.0.0.1:8082/atom.xml");
            page.entries().forEach(entry -> ids.add(entry.id()));
            previous = link(page, "prev-archive");
        }
        return ids;
    }

    private static Feedparser.Result readable(byte[] feed) {
        Feedparser.Result result = Feedparser.parse(feed);
        assertThat(result.bozo()).as("feedparser complaint: %s", result.bozoException()).isFalse();
        return result;
    }

    private static Optional<String> link(Feedparser.Result feed, String rel) {
        return feed.links().stream().filter(link -> rel.equals(link.rel())).map(Feedparser.Link::href).findFirst();
    }

    /** A category no other test uses; lower case ASCII, so it is its own slug. */
    private static String category() {
        return "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Publishes a new article in {@code category} and waits until that category's feeds list it. */
    private String publishIn(String category, String title) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        TOPIC.publish("newswire.article.published", id, ArticleTopicWriter.article(id, 1, title, category,
                now.minusSeconds(60), now));
        await().atMost(PATIENCE).until(() -> {
            HttpResponse<byte[]> atom = get("/categories/" + category + "/atom.xml");
            HttpResponse<byte[]> rss = get("/categories/" + category + "/rss.xml");
            return atom.statusCode() == 200 && text(atom).contains("urn:uuid:" + id) && text(rss).contains(id);
        });
        return id;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (Exception ex) {
            throw new IllegalStateException("GET " + path + " failed", ex);
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private double served(String format, String status) {
        return meters.get("newswire.feed.requests").tag("format", format).tag("status", status).counter().count();
    }
}
