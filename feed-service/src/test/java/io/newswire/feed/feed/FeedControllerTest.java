package io.newswire.feed.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.newswire.events.Article;
import io.newswire.events.ArticleEventType;
import io.newswire.feed.article.ArticleCatalog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** WebSub advertising: every feed names each hub and itself, in the document and in the Link header. */
class FeedControllerTest {

    private static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");

    private final ArticleCatalog catalog = new ArticleCatalog();
    private final FeedProperties properties = FeedRendererTest.PROPERTIES;
    private final RenderedFeeds feeds = new RenderedFeeds(catalog, properties,
            new FeedRenderer(properties, FeedRendererTest.HUBS), new JsonFeedRenderer(properties, FeedRendererTest.HUBS),
            new FeedIndexRenderer(properties));
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FeedController(feeds,
            new FeedResponses(feeds, properties, FeedRendererTest.HUBS), properties)).build();

    @Test
    void everyFeedAdvertisesEachHubAndExactlyOneSelfInTheLinkHeaderAndTheDocument() throws Exception {
        catalog.apply(ArticleEventType.PUBLISHED, new Article("a", 1, URI.create("https://news.example/a"), "A", null,
                "<p>A</p>", List.of(), List.of("Қала"), List.of(), "kk", NOON, NOON, null));
        String category = "/categories/%D2%9B%D0%B0%D0%BB%D0%B0";

        for (String path : List.of("/rss.xml", "/atom.xml", "/feed.json", category + "/rss.xml",
                category + "/atom.xml", category + "/feed.json")) {
            String self = "https://feeds.news.example" + path;
            byte[] body = mvc.perform(get(URI.create(path))).andExpect(status().isOk())
                    .andExpect(header().string("Link", "<https://hub.example/>; rel=\"hub\", "
                            + "<https://hub2.example/websub>; rel=\"hub\", <" + self + ">; rel=\"self\""))
                    .andReturn().getResponse().getContentAsByteArray();
            String document = new String(body, StandardCharsets.UTF_8);
            if (path.endsWith(".json")) {
                assertThat(document).contains("\"feed_url\":\"" + self + "\"").contains(
                        "\"hubs\":[{\"type\":\"WebSub\",\"url\":\"https://hub.example/\"},"
                                + "{\"type\":\"WebSub\",\"url\":\"https://hub2.example/websub\"}]");
            }
            else {
                assertThat(document.split("rel=\"self\"", -1)).as(path).hasSize(2);
                assertThat(document.split("rel=\"hub\"", -1)).as(path).hasSize(3);
                assertThat(document).contains(self);
            }
        }
    }

    @Test
    void archivePagesAreCachedForADayAndOnlyFullPagesExist() throws Exception {
        // Max items is 50 here: 101 articles fill archives 1 and 2.
        for (int i = 0; i < 101; i++) {
            catalog.apply(ArticleEventType.PUBLISHED, new Article("a" + i, 1, URI.create("https://news.example/a" + i),
                    "A" + i, null, "<p>A</p>", List.of(), List.of(), List.of(), "en", NOON.plusSeconds(i),
                    NOON.plusSeconds(i), null));
        }

        mvc.perform(get("/archive/2/atom.xml")).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "max-age=86400, public"))
                .andExpect(header().exists("ETag")).andExpect(header().exists("Last-Modified"))
                .andExpect(header().string("Link", "<https://feeds.news.example/archive/2/atom.xml>; rel=\"self\""))
                .andExpect(content().contentType("application/atom+xml;charset=utf-8"));
        mvc.perform(get("/rss.xml")).andExpect(header().string("Cache-Control", "max-age=60"));
        for (String path : List.of("/archive/3/rss.xml", "/archive/0/rss.xml", "/archive/-1/atom.xml",
                "/archive/two/atom.xml", "/archive/99999999999/rss.xml")) {
            mvc.perform(get(path)).andExpect(status().isNotFound())
                    .andExpect(content().contentType("application/problem+json"));
        }
    }

    @Test
    void pageOfAnXmlFeedOrPastTheEndIsNotFound() throws Exception {
        mvc.perform(get("/rss.xml?page=2")).andExpect(status().isNotFound())
                .andExpect(content().contentType("application/problem+json"));
        mvc.perform(get("/feed.json?page=9")).andExpect(status().isNotFound());
        mvc.perform(get("/authors/nobody/feed.json")).andExpect(status().isNotFound())
                .andExpect(content().contentType("application/problem+json"));
    }
}
