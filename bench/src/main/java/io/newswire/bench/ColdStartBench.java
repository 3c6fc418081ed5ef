package io.newswire.bench;

import io.newswire.embedded.LocalKafkaBroker;
import io.newswire.local.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure 5, cold start: feed-service from process start to serving correct feeds with 100,000 stories
 * already on the compacted article topic. Correct means: readiness UP, then {@code /rss.xml} lists 50
 * items with the newest story first, and {@code /feeds.opml} lists every feed the stories make. Beside
 * it, the same JVM started on the same, still empty topic: the framework's floor.
 *
 * <p>Run with {@code bench/run-cold-start.sh [--stories N] [--jfr]}.
 */
public final class ColdStartBench {

    static final int STORIES = 100_000;
    static final double TARGET_SECONDS = 15;
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern STARTED = Pattern.compile("Started FeedApplication in ([0-9.]+) seconds");

    private ColdStartBench() {
    }

    /** One start: when readiness said UP, when the feeds were first right, and Spring's own start time. */
    record Start(double readySeconds, double servingSeconds, boolean correctWhenReady, int items, int feeds,
            double springSeconds) {

        String json() {
            return String.format(Locale.ROOT,
                    "{\"readySeconds\":%.3f,\"servingSeconds\":%.3f,\"correctWhenReady\":%b,\"items\":%d,"
                            + "\"feeds\":%d,\"springStartedSeconds\":%.3f}",
                    readySeconds, servingSeconds, correctWhenReady, items, feeds, springSeconds);
        }
    }

    public static void main(String[] arguments) throws Exception {
        List<String> args = Arrays.asList(arguments);
        Path root = FeedBench.root(args);
        int stories = FeedBench.intOption(args, "--stories", STORIES);
        boolean jfr = args.contains("--jfr");
        // Extra options for the measured (full) feed-service JVM only, e.g. a profiler agent or -Xlog.
        List<String> extraJvmOptions = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--feed-jvm")) {
                extraJvmOptions.add(args.get(++i));
            }
        }
        Path work = Files.createTempDirectory("newswire-bench-cold-start");
        List<AutoCloseable> running = new ArrayList<>();
        Thread stopAll = new Thread(() -> stop(running), "bench-stop");
        Runtime.getRuntime().addShutdownHook(stopAll);

        System.out.println("Starting Kafka (logs in " + work + ")");
        LocalKafkaBroker broker = LocalKafkaBroker.start(0, 0, null);
        running.add(broker);
        FeedStories.declareTopic(broker.bootstrapServers());

        System.out.println("feed-service on the empty topic (the framework's floor)");
        Start floor = measure(root, broker.bootstrapServers(), work.resolve("empty"), null, 0, List.of(), running);
        System.out.println(String.format(Locale.ROOT, "  ready in %.2f s, serving in %.2f s (Spring: started in %.2f s)",
                floor.readySeconds(), floor.servingSeconds(), floor.springSeconds()));

        System.out.println("Writing " + stories + " stories to the topic");
        long writeStart = System.nanoTime();
        FeedStories.publish(broker.bootstrapServers(), stories);
        double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        System.out.println(String.format(Locale.ROOT, "  written and acknowledged in %.1f s", writeSeconds));

        System.out.println("feed-service on " + stories + " stories");
        List<String> jvmOptions = new ArrayList<>(extraJvmOptions);
        if (jfr) {
            jvmOptions.add("-XX:StartFlightRecording=filename=" + work.resolve("feed-service.jfr") + ",settings=profile");
        }
        Start full = measure(root, broker.bootstrapServers(), work.resolve("full"), FeedStories.title(stories),
                FeedStories.feeds(), jvmOptions, running);
        System.out.println(String.format(Locale.ROOT,
                "  ready in %.2f s, serving the newest story in %.2f s (Spring: started in %.2f s); correct when ready: %b",
                full.readySeconds(), full.servingSeconds(), full.springSeconds(), full.correctWhenReady()));
        if (jfr) {
            System.out.println("  flight recording: " + work.resolve("feed-service.jfr") + " (jfr print --events "
                    + "jdk.ExecutionSample ...)");
        }
        Runtime.getRuntime().removeShutdownHook(stopAll);
        stop(running);

        FeedBench.appendResult(root, "cold-start", String.format(Locale.ROOT,
                "{\"figure\":\"cold-start\",%s,\"stories\":%d,\"partitions\":%d,\"writeSeconds\":%.1f,"
                        + "\"stories100k\":%s,\"emptyTopic\":%s,\"targetSeconds\":%.0f}",
                FeedBench.machineJson(), stories, FeedStories.PARTITIONS, writeSeconds, full.json(), floor.json(),
                TARGET_SECONDS));
        System.out.println();
        System.out.println(String.format(Locale.ROOT,
                "FIGURE cold-start: %d stories on the topic, ready and serving in %.1f s (target <= %.0f s); "
                        + "empty topic (framework floor) %.1f s",
                stories, full.servingSeconds(), TARGET_SECONDS, floor.servingSeconds()));
    }

    /**
     * Starts feed-service and times it from just before the process starts: readiness polled every
     * 50 ms until UP, then the feeds fetched until they are right. Stops it afterwards.
     */
    private static Start measure(Path root, String bootstrapServers, Path logDir, String newestTitle, int feeds,
            List<String> jvmOptions, List<AutoCloseable> running) throws Exception {
        int port = FeedBench.freePort();
        Files.createDirectories(logDir);
        long start = System.nanoTime();
        // Wall-clock start, to line the service's log timestamps up with the figure.
        System.out.println("  process start at " + java.time.Instant.now() + ", log " + logDir.resolve("feed-service.log"));
        ServiceProcess feed = FeedBench.startFeedService(root, bootstrapServers, port, logDir, jvmOptions);
        running.add(feed);
        try {
            long deadline = start + TIMEOUT.toNanos();
            awaitReadiness(feed, deadline);
            double ready = (System.nanoTime() - start) / 1e9;
            boolean first = true;
            boolean correctWhenReady = false;
            while (true) {
                byte[] rss = FeedBench.get(feed.baseUrl() + "/rss.xml", Map.of()).body();
                int items = FeedBench.items(rss);
                boolean correct;
                int listed = -1;
                if (newestTitle == null) {
                    correct = items == 0;
                }
                else {
                    // The newest story is the first item, and there are max-items (50) of them.
                    String text = new String(rss, StandardCharsets.UTF_8);
                    int firstItem = text.indexOf("<item>");
                    correct = items == FeedServingBench.STORIES && firstItem >= 0
                            && text.indexOf("<title>" + newestTitle + "</title>", firstItem) == text.indexOf("<title>", firstItem);
                    if (correct) {
                        listed = count(FeedBench.get(feed.baseUrl() + "/feeds.opml", Map.of()).body(), "xmlUrl=");
                        correct = listed == feeds;
                    }
                }
                if (correct) {
                    double serving = (System.nanoTime() - start) / 1e9;
                    return new Start(ready, serving, first, items, listed, springSeconds(feed.log()));
                }
                first = false;
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("feed-service was ready but not serving the newest story and "
                            + feeds + " feeds within " + TIMEOUT + " (" + items + " items, " + listed + " feeds)");
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        finally {
            running.remove(feed);
            feed.close();
        }
    }

    private static void awaitReadiness(ServiceProcess feed, long deadline) throws InterruptedException {
        String url = feed.baseUrl() + "/actuator/health/readiness";
        while (true) {
            if (!feed.isAlive()) {
                throw new IllegalStateException("feed-service exited:\n" + feed.logTail(40));
            }
            try {
                if (FeedBench.get(url, Map.of()).statusCode() == 200) {
                    return;
                }
            }
            catch (IOException ex) {
                // Not listening yet.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("feed-service was not ready within " + TIMEOUT + ":\n" + feed.logTail(40));
            }
            // The probe's own interval: 50 ms is the resolution of the figure.
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static double springSeconds(Path log) {
        try {
            Matcher matcher = STARTED.matcher(Files.readString(log));
            return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
        }
        catch (IOException ex) {
            return Double.NaN;
        }
    }

    private static int count(byte[] body, String text) {
        String s = new String(body, StandardCharsets.UTF_8);
        int count = 0;
        for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + 1)) {
            count++;
        }
        return count;
    }

    private static void stop(List<AutoCloseable> running) {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            }
            catch (Exception ex) {
                System.err.println("While stopping: " + ex.getMessage());
            }
        }
        running.clear();
    }
}
