package io.newswire.bench;

import io.newswire.embedded.LocalKafkaBroker;
import io.newswire.local.ServiceProcess;
import io.newswire.local.StartedComponents;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Figure 1, feed serving: {@code wrk} at 64 connections on {@code /rss.xml} with 50 items, a full 200
 * and a 304 ({@code If-None-Match}), against nginx serving the same bytes with the same headers as a
 * static file on the same machine. The four runs follow one another, never overlap.
 *
 * <p>Run with {@code bench/run-feed-serving.sh [--quick] [--jfr]}.
 */
public final class FeedServingBench {

    static final int STORIES = 50;
    static final int CONNECTIONS = 64;
    static final double TARGET = 0.5;
    /** The headers the reference copies; the rest (Date, Content-Length, connection) each server makes itself. */
    private static final List<String> COPIED = List.of("content-type", "etag", "cache-control", "last-modified",
            "vary", "link");

    private FeedServingBench() {
    }

    public static void main(String[] arguments) throws Exception {
        List<String> args = Arrays.asList(arguments);
        Path root = FeedBench.root(args);
        boolean quick = args.contains("--quick");
        int seconds = FeedBench.intOption(args, "--seconds", quick ? 5 : 20);
        int warmUp = quick ? 3 : 10;
        Path work = Files.createTempDirectory("newswire-bench-feed-serving");
        StartedComponents running = new StartedComponents();
        Thread stopAll = new Thread(running::close, "bench-stop");
        Runtime.getRuntime().addShutdownHook(stopAll);

        System.out.println("Starting Kafka and feed-service (logs in " + work + ")");
        LocalKafkaBroker broker = LocalKafkaBroker.start(0, 0, null);
        running.add(broker);
        FeedStories.declareTopic(broker.bootstrapServers());
        FeedStories.publish(broker.bootstrapServers(), STORIES);
        int port = FeedBench.freePort();
        // --jfr: a flight recording of feed-service (default settings, about 1% overhead) to see what limits it.
        List<String> jvmOptions = args.contains("--jfr")
                ? List.of("-XX:StartFlightRecording=filename=" + work.resolve("feed-service.jfr"))
                : List.of();
        ServiceProcess feed = FeedBench.startFeedService(root, broker.bootstrapServers(), port, work, jvmOptions);
        running.add(feed);
        feed.awaitReady(Duration.ofSeconds(180));
        String feedUrl = feed.baseUrl() + "/rss.xml";
        HttpResponse<byte[]> full = awaitItems(feedUrl, STORIES, Duration.ofSeconds(60));
        Map<String, String> headers = copiedHeaders(full);
        Files.write(work.resolve("rss.xml"), full.body());
        System.out.println("feed-service /rss.xml: " + full.body().length + " bytes, " + STORIES + " items, " + headers);

        FeedNginx nginx = FeedNginx.serve(work.resolve("nginx"), full.body(), headers);
        running.add(nginx);
        String etag = headers.get("etag");
        checkSameAnswers(feedUrl, nginx.url(), full.body(), headers, etag);
        System.out.println("nginx serves the same bytes and headers at " + nginx.url() + ", and 304 to If-None-Match");

        String ifNoneMatch = "If-None-Match: " + etag;
        // The service's JIT compiles the serving path first; nginx, native code, needs no warm-up.
        System.out.println("Warming feed-service up for " + warmUp + " s (not counted)");
        FeedWrk.run("warm-up", feedUrl, CONNECTIONS, warmUp, null);
        FeedWrk.run("warm-up", feedUrl, CONNECTIONS, Math.max(1, warmUp / 2), ifNoneMatch);
        FeedWrk newswire200 = report(FeedWrk.run("newswire 200", feedUrl, CONNECTIONS, seconds, null));
        FeedWrk newswire304 = report(FeedWrk.run("newswire 304", feedUrl, CONNECTIONS, seconds, ifNoneMatch));
        FeedWrk nginx200 = report(FeedWrk.run("nginx 200", nginx.url(), CONNECTIONS, seconds, null));
        FeedWrk nginx304 = report(FeedWrk.run("nginx 304", nginx.url(), CONNECTIONS, seconds, ifNoneMatch));
        // The servers are stopped before the figure is printed, so it is the last line.
        Runtime.getRuntime().removeShutdownHook(stopAll);
        running.close();

        double ratio200 = newswire200.requestsPerSecond() / nginx200.requestsPerSecond();
        double ratio304 = newswire304.requestsPerSecond() / nginx304.requestsPerSecond();
        FeedBench.appendResult(root, "feed-serving", String.format(Locale.ROOT,
                "{\"figure\":\"feed-serving\",%s,\"seconds\":%d,\"connections\":%d,\"wrkThreads\":2,\"items\":%d,"
                        + "\"bodyBytes\":%d,\"acceptEncoding\":\"none (identity on both)\",\"newswire200\":%s,"
                        + "\"newswire304\":%s,\"nginx200\":%s,\"nginx304\":%s,\"ratio200\":%.3f,\"ratio304\":%.3f,"
                        + "\"target\":%.2f}",
                FeedBench.machineJson(), seconds, CONNECTIONS, STORIES, full.body().length, newswire200.json(),
                newswire304.json(), nginx200.json(), nginx304.json(), ratio200, ratio304, TARGET));
        System.out.println();
        System.out.println(String.format(Locale.ROOT,
                "FIGURE feed-serving: newswire 200 = %s; nginx 200 = %s; ratio %.2f | newswire 304 = %s; "
                        + "nginx 304 = %s; ratio %.2f (target >= %.1f for both)%s",
                newswire200.summary(), nginx200.summary(), ratio200, newswire304.summary(), nginx304.summary(),
                ratio304, TARGET, quick ? " [quick: " + seconds + " s runs]" : ""));
    }

    private static FeedWrk report(FeedWrk run) {
        System.out.println(String.format(Locale.ROOT, "%-13s %s (%d requests, non-2xx/3xx %d, socket errors: %s)",
                run.label(), run.summary(), run.requests(), run.non2xx3xx(), run.socketErrors()));
        if (run.non2xx3xx() > 0) {
            throw new IllegalStateException(run.label() + " had error answers:\n" + run.output());
        }
        return run;
    }

    /** Polls the feed until it lists {@code items} stories (feed-service reads the topic after it is ready). */
    private static HttpResponse<byte[]> awaitItems(String url, int items, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<byte[]> response = FeedBench.get(url, Map.of());
            if (response.statusCode() == 200 && FeedBench.items(response.body()) == items) {
                return response;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(url + " did not list " + items + " items within " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static Map<String, String> copiedHeaders(HttpResponse<?> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : COPIED) {
            List<String> values = response.headers().allValues(name);
            if (!values.isEmpty()) {
                headers.put(name, String.join(", ", values));
            }
        }
        return headers;
    }

    /** Both servers answer the same bytes and headers to wrk's request, and 304 with the ETag to If-None-Match. */
    private static void checkSameAnswers(String feedUrl, String nginxUrl, byte[] body, Map<String, String> headers,
            String etag) throws IOException {
        for (String url : List.of(feedUrl, nginxUrl)) {
            HttpResponse<byte[]> full = FeedBench.get(url, Map.of());
            if (full.statusCode() != 200 || !Arrays.equals(full.body(), body) || !copiedHeaders(full).equals(headers)) {
                throw new IllegalStateException(url + " answered " + full.statusCode() + " " + copiedHeaders(full)
                        + " " + full.body().length + " bytes; expected " + headers + " " + body.length + " bytes");
            }
            HttpResponse<byte[]> notModified = FeedBench.get(url, Map.of("If-None-Match", etag));
            if (notModified.statusCode() != 304 || notModified.body().length != 0
                    || !etag.equals(notModified.headers().firstValue("etag").orElse(null))) {
                throw new IllegalStateException(url + " answered If-None-Match with " + notModified.statusCode() + " "
                        + notModified.headers().map());
            }
        }
    }

}
