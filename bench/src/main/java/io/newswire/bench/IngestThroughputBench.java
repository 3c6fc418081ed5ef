package io.newswire.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Figure 3, ingest throughput: 32 clients (wrk's connections, each sending its next story as soon
 * as the previous one is answered, {@link IngestWrk}) push 5 KB stories to {@code POST /api/v1/articles};
 * the figure is 202s per second sustained over the measured run, after a warm-up run. wrk, not a
 * JVM of HTTP clients: on 2 cores the load generator's CPU is taken from the service it measures,
 * and 32 JDK clients cost ~1.2 ms of CPU per story where wrk costs ~0.1 ms. Beside it, in the same run and on
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
        // As long as the measured run: after 10 s, C2 still took ~17 % of ingest's CPU in the measured window.
        int warmUp = quick ? 3 : 20;
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
            Path script = logs.resolve("ingest-post.lua");
            try (InputStream lua = IngestThroughputBench.class.getResourceAsStream("/ingest-post.lua")) {
                Files.copy(lua, script, StandardCopyOption.REPLACE_EXISTING);
            }
            String url = pipeline.ingestUrl() + "/api/v1/articles";
            String authorization = "Bearer " + IngestPipeline.API_KEY;

            System.out.printf("Pushing 5 KB stories with %d clients (wrk, one connection each): %d s warm-up, then %d s measured...%n",
                    CLIENTS, warmUp, seconds);
            IngestWrk warm = IngestWrk.run(script, url, authorization, CLIENTS, warmUp, "warm-up");
            System.out.printf("  warm-up (not counted): %d accepted, %d errors%n", warm.accepted(), warm.errors());
            IngestWindowCpu cpu = new IngestWindowCpu(pipeline.ingestPid());
            String profiler = PublishToFeedBench.option(args, "--async-profiler", null);
            String event = PublishToFeedBench.option(args, "--async-event", "cpu");
            Path collapsed = logs.resolve("ingest-service-" + event + ".collapsed");
            cpu.begin();
            if (profiler != null) {
                AsyncProfiler.command(pipeline.ingestPid(), profiler, "start,event=" + event + ",interval="
                        + (event.equals("cpu") ? "1ms" : "5ms"));
            }
            IngestWrk load = IngestWrk.run(script, url, authorization, CLIENTS, seconds, "measured");
            if (profiler != null) {
                AsyncProfiler.command(pipeline.ingestPid(), profiler, "stop,file=" + collapsed + ",collapsed");
            }
            storiesPerSecond = load.accepted() / load.seconds();
            figures.putAll(cpu.end(load.accepted()));
            figures.put("loadGeneratorCores", Math.round(100.0 * load.cpuSeconds() / load.seconds()) / 100.0);
            figures.put("quick", quick);
            figures.put("clients", CLIENTS);
            figures.put("loadGenerator", "wrk -t2 -c" + CLIENTS + " -s ingest-post.lua");
            figures.put("storyBytes", STORY_BYTES);
            figures.put("measuredSeconds", load.seconds());
            figures.put("accepted", load.accepted());
            figures.put("errors", load.errors());
            figures.put("storiesPerSecond", storiesPerSecond);
            figures.put("latencyP50Ms", load.p50Ms());
            figures.put("latencyP99Ms", load.p99Ms());
            System.out.println(load.output().strip().indent(2).stripTrailing());

            System.out.printf("Newswire: %.0f stories/s (%d errors). Now the raw producer ceiling, %d records of %d bytes...%n",
                    storiesPerSecond, load.errors(), ceilingRecords, STORY_BYTES);
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
}
