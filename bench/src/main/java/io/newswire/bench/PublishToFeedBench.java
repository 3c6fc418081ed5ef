package io.newswire.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure 2, publish to feed: stories sent to {@code POST /api/v1/articles} on an open-loop schedule
 * (each at its planned time, whatever the previous answers), and for each the time from its 202 to
 * its first presence in {@code /rss.xml} as a reader polling the feed sees it. A separate thread
 * polls {@code /rss.xml} back to back with {@code If-None-Match} (a 304 costs little), so the
 * resolution is one poll's round trip, which is measured and printed.
 *
 * <p>The reference is the broker's own produce-to-consume latency on the same machine
 * ({@link IngestKafkaLatency}), measured after the stories on the same broker.
 *
 * <p>Arguments: {@code --quick} (200 stories instead of 1,000), {@code --root DIR}, {@code --results FILE}.
 */
public final class PublishToFeedBench {

    private static final Pattern STORY = Pattern.compile("Bench story (\\d+)");
    private static final int RATE = 50;
    // 10 s at the measured rate, not counted: with 50 (1 s) the three JVMs were still compiling through the
    // measured minute on 2 cores, and a few stalls of up to a second set the p99 (bench/README-publish-to-feed.md).
    private static final int WARM_UP = 500;

    public static void main(String[] args) {
        String figure;
        try {
            // Returns once everything it started has stopped, so the figure is the last line printed.
            figure = run(args);
        }
        catch (Exception ex) {
            ex.printStackTrace();
            System.exit(1);
            return;
        }
        System.out.println(figure);
        // The embedded broker's threads must not keep the JVM alive.
        System.exit(0);
    }

    private static String run(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Path root = Path.of(option(args, "--root", ".")).toAbsolutePath().normalize();
        Path results = Path.of(option(args, "--results", root.resolve("bench/results/publish-to-feed.jsonl").toString()));
        int stories = quick ? 200 : 1000;
        Path logs = root.resolve("bench/target/logs/publish-to-feed");
        System.out.println("Starting Kafka, PostgreSQL, ingest-service and feed-service (logs in " + logs + ")...");
        try (IngestPipeline pipeline = IngestPipeline.start(root, logs, true, List.of())) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            FeedPoller poller = new FeedPoller(http, URI.create(pipeline.feedUrl() + "/rss.xml"), WARM_UP + stories);
            Thread pollThread = new Thread(poller, "rss-poller");
            pollThread.setDaemon(true);
            pollThread.start();

            System.out.println("Warming up with " + WARM_UP + " stories at " + RATE + "/s (not counted)...");
            Run warmUp = send(http, pipeline.ingestUrl(), poller, 0, WARM_UP);
            warmUp.await(poller);
            poller.resetPollStats();

            System.out.println("Sending " + stories + " stories at " + RATE + "/s, open loop...");
            Run run = send(http, pipeline.ingestUrl(), poller, WARM_UP, stories);
            run.await(poller);
            poller.stop();
            pollThread.join(5000);

            List<Double> latencies = new ArrayList<>();
            int seenBefore202 = 0;
            int missing = 0;
            for (int i = WARM_UP; i < WARM_UP + stories; i++) {
                long accepted = run.acceptedAt.get(i - WARM_UP);
                long seen = poller.seenAt.get(i);
                if (accepted == 0 || seen == 0) {
                    missing++;
                    continue;
                }
                if (seen < accepted) {
                    seenBefore202++;
                }
                latencies.add(Math.max(0, seen - accepted) / 1e6);
            }
            double[] values = latencies.stream().mapToDouble(Double::doubleValue).toArray();
            double p50 = IngestResults.percentile(values, 50);
            double p99 = IngestResults.percentile(values, 99);
            double max = IngestResults.percentile(values, 100);
            double pollMean = poller.meanPollMillis();
            double pollP99 = poller.p99PollMillis();

            System.out.println("Measuring the broker's own produce-to-consume latency (reference)...");
            double[] kafka = IngestKafkaLatency.measure(pipeline.bootstrapServers(), stories, 1024);
            double kafkaP50 = IngestResults.percentile(kafka, 50);
            double kafkaP99 = IngestResults.percentile(kafka, 99);

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("quick", quick);
            figures.put("stories", stories);
            figures.put("ratePerSecond", RATE);
            figures.put("measured", values.length);
            figures.put("missing", missing);
            figures.put("refused", run.refused.get());
            figures.put("seenBefore202", seenBefore202);
            figures.put("p50Ms", p50);
            figures.put("p99Ms", p99);
            figures.put("maxMs", max);
            figures.put("pollRoundTripMeanMs", pollMean);
            figures.put("pollRoundTripP99Ms", pollP99);
            figures.put("polls", poller.polls.get());
            figures.put("pollsWithChange", poller.changes.get());
            figures.put("sendLagP99Ms", IngestResults.percentile(run.sendLagMillis(), 99));
            figures.put("kafkaE2eP50Ms", kafkaP50);
            figures.put("kafkaE2eP99Ms", kafkaP99);
            figures.put("targetP99Ms", 100);
            IngestResults.append(results, "publish-to-feed", figures);
            System.out.println("Raw results appended to " + results);
            if (missing > 0 || run.refused.get() > 0) {
                System.out.println("WARNING: " + missing + " stories never seen in /rss.xml, " + run.refused.get() + " refused");
            }
            return String.format(java.util.Locale.ROOT, "FIGURE publish-to-feed: %d stories at %d/s, 202 -> /rss.xml p50 %s ms, p99 %s ms (max %s ms; "
                    + "poll resolution %s ms mean, %s ms p99; %d missing); Kafka produce->consume p50 %s ms, p99 %s ms; "
                    + "target p99 <= 100 ms: %s",
                    stories, RATE, IngestResults.round(p50), IngestResults.round(p99), IngestResults.round(max),
                    IngestResults.round(pollMean), IngestResults.round(pollP99), missing,
                    IngestResults.round(kafkaP50), IngestResults.round(kafkaP99),
                    p99 <= 100 && missing == 0 ? "met" : "MISSED");
        }
    }

    /** Sends {@code count} stories numbered from {@code first}, each at its planned time, without waiting for answers. */
    private static Run send(HttpClient http, String ingestUrl, FeedPoller poller, int first, int count) {
        Run run = new Run(first, count);
        URI uri = URI.create(ingestUrl + "/api/v1/articles");
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / RATE;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (int i = 0; i < count; i++) {
            int n = first + i;
            long planned = start + i * periodNanos;
            long wait;
            while ((wait = planned - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            run.sendLag[i] = System.nanoTime() - planned;
            String body = """
                    {"url":"https://bench.example/stories/%d","title":"Bench story %d",\
                    "summary":"A story sent by the publish-to-feed benchmark.","categories":["bench"]}""".formatted(n, n);
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + IngestPipeline.API_KEY)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            int index = i;
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, ex) -> {
                if (ex == null && response.statusCode() == 202) {
                    run.acceptedAt.set(index, System.nanoTime());
                }
                else {
                    run.refused.incrementAndGet();
                    System.err.println("Story " + n + " not accepted: " + (ex != null ? ex : response.statusCode()));
                }
                run.answered.countDown();
            });
        }
        return run;
    }

    private static final class Run {
        final AtomicLongArray acceptedAt;
        final long[] sendLag;
        final AtomicInteger refused = new AtomicInteger();
        final CountDownLatch answered;
        final int first;

        Run(int first, int count) {
            this.first = first;
            acceptedAt = new AtomicLongArray(count);
            sendLag = new long[count];
            answered = new CountDownLatch(count);
        }

        /** Waits for every answer, then up to 30 s for every accepted story to reach the feed. */
        void await(FeedPoller poller) throws InterruptedException {
            if (!answered.await(60, TimeUnit.SECONDS)) {
                System.err.println("Not every story was answered within 60 s");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pending(poller) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }

        /** True while an accepted story has not shown in the feed yet. */
        boolean pending(FeedPoller poller) {
            for (int i = 0; i < acceptedAt.length(); i++) {
                if (acceptedAt.get(i) != 0 && poller.seenAt.get(first + i) == 0) {
                    return true;
                }
            }
            return false;
        }

        double[] sendLagMillis() {
            double[] millis = new double[sendLag.length];
            for (int i = 0; i < sendLag.length; i++) {
                millis[i] = sendLag[i] / 1e6;
            }
            return millis;
        }
    }

    /** Polls the feed back to back, as the most eager reader would, and notes when each story first shows. */
    private static final class FeedPoller implements Runnable {
        final AtomicLongArray seenAt;
        final AtomicInteger polls = new AtomicInteger();
        final AtomicInteger changes = new AtomicInteger();
        private final HttpClient http;
        private final URI feed;
        private final List<Long> pollNanos = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Map<Integer, Boolean> seen = new ConcurrentHashMap<>();
        private volatile boolean running = true;

        FeedPoller(HttpClient http, URI feed, int stories) {
            this.http = http;
            this.feed = feed;
            this.seenAt = new AtomicLongArray(stories);
        }

        @Override
        public void run() {
            String etag = null;
            while (running) {
                HttpRequest.Builder request = HttpRequest.newBuilder(feed).timeout(Duration.ofSeconds(10));
                if (etag != null) {
                    request.header("If-None-Match", etag);
                }
                long start = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    long now = System.nanoTime();
                    pollNanos.add(now - start);
                    polls.incrementAndGet();
                    if (response.statusCode() == 200) {
                        changes.incrementAndGet();
                        etag = response.headers().firstValue("ETag").orElse(null);
                        Matcher matcher = STORY.matcher(response.body());
                        while (matcher.find()) {
                            int n = Integer.parseInt(matcher.group(1));
                            if (n < seenAt.length() && seen.putIfAbsent(n, Boolean.TRUE) == null) {
                                seenAt.set(n, now);
                            }
                        }
                    }
                }
                catch (java.io.IOException ex) {
                    System.err.println("Poll failed: " + ex.getMessage());
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void resetPollStats() {
            pollNanos.clear();
            polls.set(0);
            changes.set(0);
        }

        double meanPollMillis() {
            synchronized (pollNanos) {
                return pollNanos.stream().mapToLong(Long::longValue).average().orElse(Double.NaN) / 1e6;
            }
        }

        double p99PollMillis() {
            synchronized (pollNanos) {
                return IngestResults.percentile(pollNanos.stream().mapToDouble(n -> n / 1e6).toArray(), 99);
            }
        }

        void stop() {
            running = false;
        }
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
