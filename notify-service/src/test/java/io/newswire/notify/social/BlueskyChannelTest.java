package io.newswire.notify.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswire.notify.social.PlatformStandIn.Response;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BlueskyChannelTest {

    static final String PASSWORD = "abcd-efgh-ijkl-mnop";
    static final String DID = "did:plc:z72i7hdynmk6r22z27h6tvur";
    static final String AT_URI = "at://" + DID + "/app.bsky.feed.post/3l6oveex3ii2l";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};

    final PlatformStandIn pds = new PlatformStandIn();
    final Clock clock = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    // The stand-in is plain http on loopback, which the production fetcher refuses; this one serves a fixed image.
    final BlueskyChannel channel = new BlueskyChannel(clock,
            url -> url.toString().equals("https://cdn.example/lead.jpg")
                    ? Optional.of(new ImageFetcher.FetchedImage(JPEG, "image/jpeg")) : Optional.empty());
    final SocialAccount account = new SocialAccount("bsky-main", Network.BLUESKY, pds.base(),
            Map.of("app-password", PASSWORD), Map.of("handle", "newswire.bsky.social"));

    // Emoji (4 bytes, 2 chars) and Kazakh Cyrillic (2 bytes, 1 char) before the link: byte and char offsets differ.
    final String text = "📈 Қазақстан: ставка өсті https://news.example/kz #economy";
    final SocialPost post = new SocialPost("story-1", text, URI.create("https://news.example/kz"), "Ставка өсті",
            "Ұлттық банк", new SocialPost.Image(URI.create("https://cdn.example/lead.jpg"), "A chart", "image/jpeg"),
            List.of("economy"), "kk", "k-1");

    @AfterEach
    void stop() {
        pds.close();
    }

    static Response session(String access, String refresh) {
        return Response.json(200, """
                {"did":"%s","didDoc":{"id":"%s"},"handle":"newswire.bsky.social","email":"desk@newswire.example",
                "emailConfirmed":true,"accessJwt":"%s","refreshJwt":"%s","active":true}""".formatted(DID, DID, access, refresh));
    }

    static Response blob() {
        return Response.json(200, """
                {"blob":{"$type":"blob","ref":{"$link":"bafkreibabalobzn6cd366ukcsjycp4yymjymgfxcv6xczmlgpemzkz3cfa"},"mimeType":"image/jpeg","size":10}}""");
    }

    static Response created(String uri) {
        return Response.json(200, """
                {"uri":"%s","cid":"bafyreig2fjxi3rptqdgylg7e5hmjl6mcke7rn2b6cugzlqq3i4zu6rq52q",
                "commit":{"cid":"bafyreibgk6n4kxbq7sqpvnbcjsylg6mkpwbcpvdsdqjfvasbl6ldbd6y4u","rev":"3l6oveex3ii2m"},"validationStatus":"valid"}"""
                .formatted(uri));
    }

    @Test
    void postsARecordWithByteOffsetFacetsAndALinkCard() {
        pds.then(session("access-1", "refresh-1")).then(blob()).then(created(AT_URI));

        PublishedPost published = channel.publish(account, post);

        List<PlatformStandIn.Request> requests = pds.requests();
        assertThat(requests).extracting(PlatformStandIn.Request::path).containsExactly(
                "/xrpc/com.atproto.server.createSession", "/xrpc/com.atproto.repo.uploadBlob", "/xrpc/com.atproto.repo.createRecord");

        JsonNode login = JSON.readTree(requests.get(0).bodyText());
        assertThat(requests.get(0).method()).isEqualTo("POST");
        assertThat(login.path("identifier").asString()).isEqualTo("newswire.bsky.social");
        assertThat(login.path("password").asString()).isEqualTo(PASSWORD);

        PlatformStandIn.Request upload = requests.get(1);
        assertThat(upload.header("Authorization")).isEqualTo("Bearer access-1");
        assertThat(upload.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(upload.body()).isEqualTo(JPEG);

        PlatformStandIn.Request create = requests.get(2);
        assertThat(create.method()).isEqualTo("POST");
        assertThat(create.header("Authorization")).isEqualTo("Bearer access-1");
        assertThat(create.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(create.bodyText());
        assertThat(body.path("repo").asString()).isEqualTo(DID);
        assertThat(body.path("collection").asString()).isEqualTo("app.bsky.feed.post");
        JsonNode record = body.path("record");
        assertThat(record.path("$type").asString()).isEqualTo("app.bsky.feed.post");
        assertThat(record.path("text").asString()).isEqualTo(text);
        assertThat(record.path("createdAt").asString()).isEqualTo("2026-11-29T12:00:00Z");
        assertThat(record.path("langs").get(0).asString()).isEqualTo("kk");

        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        JsonNode link = record.path("facets").get(0);
        int start = link.path("index").path("byteStart").asInt();
        int end = link.path("index").path("byteEnd").asInt();
        assertThat(start).isNotEqualTo(text.indexOf("https://"));
        assertThat(new String(Arrays.copyOfRange(utf8, start, end), StandardCharsets.UTF_8)).isEqualTo("https://news.example/kz");
        assertThat(link.path("features").get(0).path("$type").asString()).isEqualTo("app.bsky.richtext.facet#link");
        assertThat(link.path("features").get(0).path("uri").asString()).isEqualTo("https://news.example/kz");
        JsonNode tag = record.path("facets").get(1);
        assertThat(new String(Arrays.copyOfRange(utf8, tag.path("index").path("byteStart").asInt(),
                tag.path("index").path("byteEnd").asInt()), StandardCharsets.UTF_8)).isEqualTo("#economy");
        assertThat(tag.path("features").get(0).path("tag").asString()).isEqualTo("economy");

        JsonNode embed = record.path("embed");
        assertThat(embed.path("$type").asString()).isEqualTo("app.bsky.embed.external");
        assertThat(embed.path("external").path("uri").asString()).isEqualTo("https://news.example/kz");
        assertThat(embed.path("external").path("title").asString()).isEqualTo("Ставка өсті");
        assertThat(embed.path("external").path("description").asString()).isEqualTo("Ұлттық банк");
        assertThat(embed.path("external").path("thumb").path("ref").path("$link").asString())
                .isEqualTo("bafkreibabalobzn6cd366ukcsjycp4yymjymgfxcv6xczmlgpemzkz3cfa");
        assertThat(embed.path("external").path("thumb").path("mimeType").asString()).isEqualTo("image/jpeg");

        assertThat(published).isEqualTo(new PublishedPost(AT_URI,
                URI.create("https://bsky.app/profile/newswire.bsky.social/post/3l6oveex3ii2l")));
    }

    @Test
    void twoPostsShareOneLogin() {
        pds.then(session("access-1", "refresh-1")).then(created(AT_URI)).then(created(AT_URI.replace("3l6oveex3ii2l", "3l6oveex3ii2n")));
        SocialPost plain = new SocialPost("story-2", "Short https://news.example/b", URI.create("https://news.example/b"),
                "Short", "", null, List.of(), "en", "k-2");

        channel.publish(account, plain);
        PublishedPost second = channel.publish(account, plain);

        assertThat(pds.requests()).extracting(PlatformStandIn.Request::path).containsExactly(
                "/xrpc/com.atproto.server.createSession", "/xrpc/com.atproto.repo.createRecord", "/xrpc/com.atproto.repo.createRecord");
        assertThat(second.url().toString()).endsWith("/post/3l6oveex3ii2n");
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceThenThePostGoesOut() {
        pds.then(session("access-1", "refresh-1"))
                .then(Response.json(400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}"))
                .then(session("access-2", "refresh-2"))
                .then(created(AT_URI));
        SocialPost plain = new SocialPost("story-2", "Short https://news.example/b", URI.create("https://news.example/b"),
                "Short", "", null, List.of(), "en", "k-2");

        PublishedPost published = channel.publish(account, plain);

        List<PlatformStandIn.Request> requests = pds.requests();
        assertThat(requests).extracting(PlatformStandIn.Request::path).containsExactly(
                "/xrpc/com.atproto.server.createSession", "/xrpc/com.atproto.repo.createRecord",
                "/xrpc/com.atproto.server.refreshSession", "/xrpc/com.atproto.repo.createRecord");
        assertThat(requests.get(2).header("Authorization")).isEqualTo("Bearer refresh-1");
        assertThat(requests.get(3).header("Authorization")).isEqualTo("Bearer access-2");
        assertThat(published.id()).isEqualTo(AT_URI);
    }

    @Test
    void rateLimitWaitsUntilTheResetTime() {
        long reset = Instant.parse("2026-11-29T12:00:00Z").plusSeconds(90).getEpochSecond();
        pds.then(session("access-1", "refresh-1")).then(blob())
                .then(Response.json(429, "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}")
                        .withHeader("RateLimit-Limit", "5000").withHeader("RateLimit-Remaining", "0")
                        .withHeader("RateLimit-Reset", Long.toString(reset)).withHeader("RateLimit-Policy", "5000;w=3600"));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.RATE_LIMITED);
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(90));
        });
    }

    @Test
    void serverErrorIsTransient() {
        pds.then(session("access-1", "refresh-1")).then(blob())
                .then(Response.json(502, "{\"error\":\"UpstreamFailure\",\"message\":\"Upstream Failure\"}"));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.TRANSIENT));
    }

    @Test
    void wrongAppPasswordIsUnauthorizedAndTheMessageHoldsNoPassword() {
        pds.then(Response.json(401, "{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}"));

        assertThatThrownBy(() -> channel.publish(account, post)).isInstanceOfSatisfying(SocialFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(SocialFailure.Kind.UNAUTHORIZED);
            assertThat(failure.getMessage()).contains("AuthenticationRequired").doesNotContain(PASSWORD);
        });
    }

    @Test
    void aThumbnailThatCannotBeHadLeavesTheCardWithoutOne() {
        pds.then(session("access-1", "refresh-1")).then(created(AT_URI));
        SocialPost unreachableImage = new SocialPost("story-3", "Text https://news.example/c", URI.create("https://news.example/c"),
                "Title", "", new SocialPost.Image(URI.create("https://cdn.example/missing.jpg"), "", "image/jpeg"), List.of(), "en", "k-3");

        channel.publish(account, unreachableImage);

        JsonNode external = JSON.readTree(pds.requests().get(1).bodyText()).path("record").path("embed").path("external");
        assertThat(external.path("uri").asString()).isEqualTo("https://news.example/c");
        assertThat(external.has("thumb")).isFalse();
    }

    @Test
    void deleteRemovesTheRecord() {
        pds.then(session("access-1", "refresh-1")).then(Response.json(200,
                "{\"commit\":{\"cid\":\"bafyreibgk6n4kxbq7sqpvnbcjsylg6mkpwbcpvdsdqjfvasbl6ldbd6y4u\",\"rev\":\"3l6oveex3ii2o\"}}"));

        assertThat(channel.canDelete()).isTrue();
        assertThat(channel.canEdit()).isFalse();
        channel.delete(account, new PublishedPost(AT_URI, null));

        PlatformStandIn.Request request = pds.requests().get(1);
        assertThat(request.path()).isEqualTo("/xrpc/com.atproto.repo.deleteRecord");
        assertThat(request.header("Authorization")).isEqualTo("Bearer access-1");
        JsonNode body = JSON.readTree(request.bodyText());
        assertThat(body.path("repo").asString()).isEqualTo(DID);
        assertThat(body.path("collection").asString()).isEqualTo("app.bsky.feed.post");
        assertThat(body.path("rkey").asString()).isEqualTo("3l6oveex3ii2l");
    }

    @Test
    void theProductionFetcherRefusesPlainHttpAndInsideAddresses() throws Exception {
        SafeImageFetcher fetcher = new SafeImageFetcher(host -> switch (host) {
            case "cdn.example" -> new InetAddress[] {InetAddress.getByName("93.184.215.14")};
            case "inside.example" -> new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7")};
            default -> new InetAddress[] {InetAddress.getByName(host)};
        });

        assertThat(fetcher.allowed(URI.create("https://cdn.example/lead.jpg"))).isTrue();
        assertThat(fetcher.allowed(URI.create("http://cdn.example/lead.jpg"))).isFalse();
        assertThat(fetcher.allowed(URI.create("https://inside.example/lead.jpg"))).isFalse();
        for (String address : List.of("127.0.0.1", "169.254.169.254", "192.168.1.1", "172.16.0.1", "100.64.0.1", "0.0.0.0",
                "255.255.255.255", "[::1]", "[fd00::1]", "[fe80::1]", "[::ffff:127.0.0.1]", "[64:ff9b::a00:1]")) {
            assertThat(fetcher.allowed(URI.create("https://" + address + "/lead.jpg"))).as(address).isFalse();
        }
        assertThat(fetcher.fetch(URI.create(pds.base() + "/lead.jpg"))).isEmpty();
        assertThat(pds.requests()).isEmpty();
    }
}
