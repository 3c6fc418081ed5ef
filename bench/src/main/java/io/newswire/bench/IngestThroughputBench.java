package io.newswire.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Figure 3, ingest throughput: 32 clients (threads, each sending its next story as soon as the
 * previous one is answered) push 5 KB stories to {@code POST /api/v1/articles}; the figure is 202s
 * per second sustained over the measured window, after a warm-up. Beside it, in the same run and on
 * the same broker, the raw producer ceiling: Kafka's producer performance loop in its own JVM, 5 KB
 * records, acks=all, unthrottled: Kafka's own {@code org.apache.kafka.tools.ProducerPerformance}
 * ({@code kafka-producer-perf-test.sh}), from the kafka-tools jar of the broker's own version.
 *
 * <p>Arguments: {@code --quick} (5 s instead of 20 s), {@code --profile} (a JFR recording of
 * ingest-service, summarised at the end), {@code --async-profiler LIB} (async-profiler's libasyncProfiler.so:
 * attached to ingest-service for the measured window only; {@code --async-event cpu|wall}, cpu by default;
 * collapsed stacks in the logs folder), {@code --root DIR}, {@code --results FILE}.
 */
public final class IngestThroughputBench {

    static final int CLIENTS = 32;
    static final int STORY_BYTES = 5 * 1024;
    private static final Pattern PERF = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

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
        boolean profile = List.of(args).contains("--profile");
        Path root = Path.of(PublishToFeedBench.option(args, "--root", ".")).toAbsolutePath().normalize();
        Path results = Path.of(PublishToFeedBench.option(args, "--results",
                root.resolve("bench/results/ingest-throughput.jsonl").toString()));
        int seconds = quick ? 5 : 20;
        int warmUp = quick ? 3 : 10;
        long ceilingRecords = quick ? 50_000 : 200_000;
        Path logs = root.resolve("bench/target/logs/ingest-throughput");
        Files.createDirectories(logs);
        Path recording = logs.resolve("ingest-service.jfr");
        Files.deleteIfExists(recording);
        List<String> jvm = new ArrayList<>();
        if (profile) {
            jvm.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true");
        }
        System.out.println("Starting Kafka, PostgreSQL and ingest-service (logs in " + logs + ")...");
        Map<String, Object> figures = new LinkedHashMap<>();
        double storiesPerSecond;
        double ceiling;
        try (IngestPipeline pipeline = IngestPipeline.start(root, logs, false, jvm)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create(pipeline.ingestUrl() + "/api/v1/articles");

            System.out.printf("Pushing 5 KB stories with %d clients: %d s warm-up, then %d s measured...%n", CLIENTS, warmUp, seconds);
            Load load = new Load(http, uri);
            IngestWindowCpu cpu = new IngestWindowCpu(pipeline.ingestPid());
            String profiler = PublishToFeedBench.option(args, "--async-profiler", null);
            String event = PublishToFeedBench.option(args, "--async-event", "cpu");
            Path collapsed = logs.resolve("ingest-service-" + event + ".collapsed");
            load.run(warmUp, seconds, () -> {
                cpu.begin();
                if (profiler != null) {
                    asyncProfiler(pipeline.ingestPid(), profiler, "start,event=" + event + ",interval="
                            + (event.equals("cpu") ? "1ms" : "5ms"));
                }
            }, () -> {
                if (profiler != null) {
                    asyncProfiler(pipeline.ingestPid(), profiler, "stop,file=" + collapsed + ",collapsed");
                }
            });
            storiesPerSecond = load.accepted.sum() / load.measuredSeconds;
            figures.putAll(cpu.end(load.accepted.sum()));
            double[] latencies = load.latencies();
            figures.put("quick", quick);
            figures.put("clients", CLIENTS);
            figures.put("storyBytes", load.bodyBytes);
            figures.put("measuredSeconds", load.measuredSeconds);
            figures.put("accepted", load.accepted.sum());
            figures.put("errors", load.errors.sum());
            figures.put("storiesPerSecond", storiesPerSecond);
            figures.put("latencyP50Ms", IngestResults.percentile(latencies, 50));
            figures.put("latencyP99Ms", IngestResults.percentile(latencies, 99));

            System.out.printf("Newswire: %.0f stories/s (%d errors). Now the raw producer ceiling, %d records of %d bytes...%n",
                    storiesPerSecond, load.errors.sum(), ceilingRecords, STORY_BYTES);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", pipeline.bootstrapServers()))) {
                // As many partitions as newswire.articles has (ingest's default, 6).
                admin.createTopics(List.of(new NewTopic("bench-raw", 6, (short) 1))).all().get();
            }
            String tool = "org.apache.kafka.tools.ProducerPerformance";
            String line = runCeiling(tool, pipeline.bootstrapServers(), ceilingRecords);
            Matcher matcher = PERF.matcher(line);
            if (!matcher.find()) {
                throw new IllegalStateException("Unexpected output of " + tool + ": " + line);
            }
            ceiling = Double.parseDouble(matcher.group(2));
            figures.put("ceilingTool", tool);
            figures.put("ceilingRecords", Long.parseLong(matcher.group(1)));
            figures.put("ceilingRecordBytes", STORY_BYTES);
            figures.put("ceilingRecordsPerSecond", ceiling);
            figures.put("ceilingOutput", line);
        }
        double ratio = storiesPerSecond / ceiling;
        figures.put("ratio", ratio);
        figures.put("targetStoriesPerSecond", 2000);
        figures.put("targetRatio", 0.25);
        if (profile && Files.exists(recording)) {
            System.out.println("\nProfile of ingest-service (" + recording + "):");
            IngestProfile.summarise(recording, System.out);
        }
        IngestResults.append(results, "ingest-throughput", figures);
        System.out.println("Raw results appended to " + results);
        boolean met = storiesPerSecond >= 2000 && ratio >= 0.25;
        return String.format(java.util.Locale.ROOT, "FIGURE ingest-throughput: newswire %.0f stories/s (5 KB, %d clients, %d errors); "
                + "producer ceiling %.0f records/s (5 KB, acks=all); ratio %.2f (targets >= 2000 stories/s and >= 0.25): %s",
                storiesPerSecond, CLIENTS, (long) figures.get("errors"), ceiling, ratio, met ? "met" : "MISSED");
    }

    /**
     * Starts or stops async-profiler inside ingest-service (attach API), so that the profile covers
     * the measured window only, not start-up or warm-up; the collapsed stacks go to the logs folder.
     */
    private static void asyncProfiler(long pid, String library, String command) {
        try {
            com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(String.valueOf(pid));
            try {
                vm.loadAgentPath(library, command);
            }
            finally {
                vm.detach();
            }
        }
        catch (Exception ex) {
            System.out.println("async-profiler (" + command + ") failed: " + ex);
        }
    }

    /** Runs the producer tool as its own JVM, as kafka-producer-perf-test.sh does, and returns its summary line. */
    private static String runCeiling(String tool, String bootstrap, long records) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), tool));
        command.addAll(List.of("--topic", "bench-raw", "--num-records", String.valueOf(records), "--record-size",
                String.valueOf(STORY_BYTES), "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap,
                "acks=all"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String last = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println("  [producer] " + line);
                if (PERF.matcher(line).find()) {
                    last = line;
                }
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(tool + " failed");
        }
        return last;
    }

    /** 32 closed-loop clients; only answers that arrive inside the measured window count. */
    private static final class Load {
        final LongAdder accepted = new LongAdder();
        final LongAdder errors = new LongAdder();
        final AtomicLong sequence = new AtomicLong();
        final List<long[]> latencyBuffers = new ArrayList<>();
        final HttpClient http;
        final URI uri;
        final String filler;
        int bodyBytes;
        double measuredSeconds;
        volatile long windowStart = Long.MAX_VALUE;
        volatile long windowEnd = Long.MAX_VALUE;

        Load(HttpClient http, URI uri) {
            this.http = http;
            this.uri = uri;
            StringBuilder text = new StringBuilder();
            String sentence = "The council met on Tuesday and agreed the budget after a long debate about the new bridge. ";
            while (text.length() < STORY_BYTES) {
                text.append(sentence);
            }
            this.filler = text.toString();
            this.bodyBytes = body(0).getBytes(StandardCharsets.UTF_8).length;
        }

        /** A distinct story (its own URL, so its own article) whose JSON is 5 KB. */
        String body(long n) {
            String head = "{\"url\":\"https://bench.example/load/" + n + "\",\"title\":\"Load story " + n
                    + "\",\"summary\":\"A story sent by the ingest throughput benchmark.\",\"categories\":[\"bench\"],\"contentHtml\":\"<p>";
            String tail = "</p>\"}";
            int room = STORY_BYTES - head.length() - tail.length();
            return head + filler.substring(0, Math.max(0, room)) + tail;
        }

        /** Runs the clients; {@code atStart} and {@code atEnd} run on this thread at the window's edges. */
        void run(int warmUpSeconds, int seconds, Runnable atStart, Runnable atEnd) throws InterruptedException {
            long start = System.nanoTime();
            windowStart = start + TimeUnit.SECONDS.toNanos(warmUpSeconds);
            windowEnd = windowStart + TimeUnit.SECONDS.toNanos(seconds);
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                long[] buffer = new long[200_000];
                latencyBuffers.add(buffer);
                Thread thread = new Thread(() -> client(buffer), "client-" + c);
                thread.start();
                threads.add(thread);
            }
            TimeUnit.NANOSECONDS.sleep(windowStart - System.nanoTime());
            atStart.run();
            TimeUnit.NANOSECONDS.sleep(windowEnd - System.nanoTime());
            atEnd.run();
            for (Thread thread : threads) {
                thread.join();
            }
            measuredSeconds = (windowEnd - windowStart) / 1e9;
        }

        private void client(long[] latencies) {
            int recorded = 0;
            while (true) {
                long sent = System.nanoTime();
                if (sent >= windowEnd) {
                    break;
                }
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + IngestPipeline.API_KEY)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body(sequence.incrementAndGet()))).build();
                boolean ok;
                try {
                    ok = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 202;
                }
                catch (java.io.IOException ex) {
                    ok = false;
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long answered = System.nanoTime();
                if (answered >= windowStart && answered < windowEnd) {
                    if (ok) {
                        accepted.increment();
                        if (recorded < latencies.length - 1) {
                            latencies[++recorded] = answered - sent;
                        }
                    }
                    else {
                        errors.increment();
                    }
                }
            }
            latencies[0] = recorded;
        }

        double[] latencies() {
            List<Double> all = new ArrayList<>();
            for (long[] buffer : latencyBuffers) {
                for (int i = 1; i <= buffer[0]; i++) {
                    all.add(buffer[i] / 1e6);
                }
            }
            return all.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
