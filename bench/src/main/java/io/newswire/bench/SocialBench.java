package io.newswire.bench;

import io.newswire.local.ServiceProcess;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure 6, social dispatch: N stories (1,000; 200 with {@code --quick}) to 10 generic-webhook
 * accounts with their rate limits off, on a local stand-in that answers at once, from the first
 * publish on {@code newswire.articles} to the social ledger showing every post 'posted'. The
 * reference is the stand-in's own ceiling, measured with wrk in the same run, so the ratio says
 * whether the pipeline or the endpoint is the limit.
 *
 * <p>Run by {@code bench/run-social.sh}; the figure is the last line printed.
 */
public final class SocialBench {

    private static final int ACCOUNTS = 10;
    // One consumer thread per partition of newswire.social.work (12, the default), so that each account
    // (notify puts the n-th configured account on partition n) has a consumer of its own: with fewer
    // threads than partitions the group gives some threads two partitions, hence two accounts.
    private static final int WORK_CONCURRENCY = 12;
    private static final int ARTICLE_CONCURRENCY = 6;
    private static final String HEAP = "-Xmx256m";

    private SocialBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int stories = quick ? 200 : 1_000;
        Path root = Path.of(System.getProperty("newswire.root", ".")).toAbsolutePath().normalize();
        String figure;
        try (MailBenchSystem system = MailBenchSystem.start(root, "social")) {
            // Stopped from outside (Ctrl-C, the script's timeout): stop everything it started.
            Runtime.getRuntime().addShutdownHook(new Thread(system::close, "bench-shutdown"));
            figure = run(system, root, stories);
        }
        // Last, after the broker's and the database's shutdown messages.
        System.out.println(figure);
        System.exit(figure.contains("FAILED") || figure.contains("INCOMPLETE") ? 1 : 0);
    }

    private static String run(MailBenchSystem system, Path root, int stories) throws Exception {
        SocialStandIn standIn = system.register(SocialStandIn.start(system.work().resolve("stand-in")));
        List<String> args = new ArrayList<>(List.of(
                "--newswire.social.work.concurrency=" + WORK_CONCURRENCY,
                // All stories are published at once; with one article listener thread their planning
                // (each waits for the broker's acks) was as slow as the posting. One per partition.
                "--newswire.articles.concurrency=" + ARTICLE_CONCURRENCY,
                "--logging.level.io.newswire=WARN"));
        for (int i = 0; i < ACCOUNTS; i++) {
            String prefix = "--newswire.social.accounts[" + i + "].";
            args.add(prefix + "id=bench-" + (i + 1));
            args.add(prefix + "network=WEBHOOK");
            args.add(prefix + "settings.url=" + standIn.base() + "/hooks/" + (i + 1));
            args.add(prefix + "credentials.secret=bench-secret-" + (i + 1));
            // 0 turns the account's token bucket off: the benchmark measures the pipeline, not a limit.
            args.add(prefix + "rate-limit.posts-per-minute=0");
        }
        // Settings to try without a rebuild, e.g. --newswire.social.work.max-poll-records=1
        String extraArgs = System.getenv("BENCH_NOTIFY_ARGS");
        if (extraArgs != null && !extraArgs.isBlank()) {
            args.addAll(List.of(extraArgs.strip().split("\\s+")));
        }
        List<String> jvm = new ArrayList<>(List.of(HEAP, "-XX:TieredStopAtLevel=4"));
        if (System.getenv("BENCH_JFR") != null) {
            Path jfr = root.resolve("bench/target/social.jfr");
            jvm.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
            System.out.println("JFR recording to " + jfr);
        }
        // E.g. an async-profiler agent: -agentpath:/path/libasyncProfiler.so=start,event=cpu,file=...,collapsed
        String extra = System.getenv("BENCH_NOTIFY_OPTS");
        if (extra != null && !extra.isBlank()) {
            jvm.addAll(List.of(extra.strip().split("\\s+")));
        }
        // No SMTP server: without subscribers notify sends no mail (mail health is not in readiness).
        ServiceProcess notify = system.startNotify(MailBenchSystem.freePort(), jvm, args);
        System.out.println("notify-service ready (pid " + notify.pid() + ", " + HEAP + ", " + ACCOUNTS + " webhook accounts)");

        // Warm-up, not counted: as many stories as are measured, to all accounts, so the measured posts neither pay for class
        // loading nor run while the JIT is still compiling the path (with 200 stories, C2 still took a fifth of notify's CPU).
        int warmUp = stories;
        for (int i = 0; i < warmUp; i++) {
            system.publish(UUID.randomUUID().toString(), "Warm-up story " + i, "Warm-up", "<p>x</p>");
        }
        system.flush();
        long warmUpPosts = (long) warmUp * ACCOUNTS;
        if (!awaitPosted(system, warmUpPosts, 120)) {
            return "FIGURE social: FAILED, the warm-up stories were not posted to every account within 120 s; see " + notify.log();
        }
        long expected = warmUpPosts + (long) stories * ACCOUNTS;

        SocialCounters before = SocialCounters.read(system, notify);
        // async-profiler in notify for the measured phase only (BENCH_NOTIFY_PROFILER=.../libasyncProfiler.so,
        // BENCH_NOTIFY_PROFILER_EVENT=cpu|wall); its collapsed stacks go to bench/target.
        String profiler = System.getenv("BENCH_NOTIFY_PROFILER");
        String event = System.getenv().getOrDefault("BENCH_NOTIFY_PROFILER_EVENT", "cpu");
        if (profiler != null) {
            AsyncProfiler.command(notify.pid(), profiler, "start,event=" + event + ",interval=1ms,threads");
        }
        long start = System.nanoTime();
        for (int i = 0; i < stories; i++) {
            system.publish(UUID.randomUUID().toString(), "Story " + i + ": council approves the new harbour bridge",
                    "The vote ended a long argument about cost and shipping lanes.", "<p>Full story.</p>");
        }
        system.flush();
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        long timeoutSeconds = Math.max(120, stories / 5);
        boolean done = awaitPosted(system, expected, timeoutSeconds);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (profiler != null) {
            Path collapsed = root.resolve("bench/target/social-notify-" + event + ".collapsed");
            AsyncProfiler.command(notify.pid(), profiler, "stop,file=" + collapsed + ",collapsed");
            System.out.println("notify's profile of the measured phase: " + collapsed);
        }
        long posted = system.count("SELECT count(*) FROM social_post WHERE status = 'posted'") - warmUpPosts;
        long failed = system.count("SELECT count(*) FROM social_post WHERE status <> 'posted'");
        double postsPerSecond = posted / seconds;
        SocialCounters.read(system, notify).minus(before).print((long) stories * ACCOUNTS, root.resolve("bench/target/social-counters.txt"));
        long rss = MailBenchSystem.memoryMb(notify.pid(), "VmHWM");
        System.out.printf("notify: %d of %d posts 'posted' (%d not) in %.2f s = %.0f posts/s (publishing took %.2f s); "
                + "peak RSS %d MB%n", posted, (long) stories * ACCOUNTS, failed, seconds, postsPerSecond, publishSeconds, rss);
        notify.close();

        // The reference: the stand-in's own ceiling, with notify stopped.
        Path script = system.work().resolve("social-post.lua");
        try (InputStream lua = SocialBench.class.getResourceAsStream("/social-post.lua")) {
            Files.copy(lua, script);
        }
        Path wrkLog = system.work().resolve("wrk.log");
        Process wrk = system.startProgram(List.of("wrk", "-t2", "-c10", "-d5s", "-s", script.toString(),
                standIn.base() + "/hooks/1"), wrkLog);
        boolean wrkDone = wrk.waitFor(60, TimeUnit.SECONDS);
        String wrkOutput = Files.readString(wrkLog);
        System.out.println(wrkOutput.strip());
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(wrkOutput);
        double referencePerSecond = wrkDone && rate.find() ? Double.parseDouble(rate.group(1)) : 0;
        double ratio = referencePerSecond > 0 ? postsPerSecond / referencePerSecond : 0;

        String json = ("{\"figure\":\"social\",%s,\"accounts\":%d,\"stories\":%d,\"posts\":%d,\"posted\":%d,\"complete\":%b,"
                + "\"seconds\":%.3f,\"publishSeconds\":%.3f,\"postsPerSecond\":%.1f,\"workConcurrency\":%d,\"articleConcurrency\":%d,\"heap\":\"%s\","
                + "\"peakRssMb\":%d,\"reference\":{\"tool\":\"wrk -t2 -c10 -d5s\",\"standIn\":\"%s\","
                + "\"requestsPerSecond\":%.1f},\"ratio\":%.3f}")
                .formatted(MailBenchSystem.machineJson(), ACCOUNTS, stories, (long) stories * ACCOUNTS, posted, done, seconds,
                        publishSeconds, postsPerSecond, WORK_CONCURRENCY, ARTICLE_CONCURRENCY, HEAP, rss, SocialStandIn.DESCRIPTION, referencePerSecond, ratio);
        MailBenchSystem.appendResult(root.resolve("bench/results/social.jsonl"), json);
        System.out.println(json);
        return String.format("FIGURE social: %s%d posts (%d stories x %d accounts) in %.1f s = %.0f posts/s (target >= 500); "
                + "stand-in ceiling (wrk) = %.0f req/s; ratio %.2f", done ? "" : "INCOMPLETE " + posted + " of ",
                (long) stories * ACCOUNTS, stories, ACCOUNTS, seconds, postsPerSecond, referencePerSecond, ratio);
    }

    /** Polls the social ledger (a benchmark's own loop, every 100 ms) until {@code expected} posts are 'posted'. */
    private static boolean awaitPosted(MailBenchSystem system, long expected, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (system.count("SELECT count(*) FROM social_post WHERE status = 'posted'") >= expected) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return false;
    }
}
