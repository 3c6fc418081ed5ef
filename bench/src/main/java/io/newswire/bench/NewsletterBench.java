package io.newswire.bench;

import io.newswire.local.ServiceProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 4, newsletter throughput: one story to N confirmed subscribers (100,000; 10,000 with
 * {@code --quick}) through notify-service into Postfix's {@code smtp-sink}, from the publish on
 * {@code newswire.articles} to the ledger showing N 'sent'; notify's peak resident memory; and the
 * reference, {@code smtp-source} sending the same message (byte for byte: one email notify sent,
 * captured by the sink) the same number of times over as many parallel sessions to the same sink.
 *
 * <p>Run by {@code bench/run-newsletter.sh}; the figure is the last line printed.
 */
public final class NewsletterBench {

    // notify's sending side, tuned for throughput; the defaults (100/s, 4 connections) are a polite
    // production throttle, not a ceiling.
    private static final int SMTP_CONNECTIONS = 8;
    private static final int FAN_OUT_CONCURRENCY = 4;
    private static final String HEAP = "-Xmx256m";

    private NewsletterBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int subscribers = quick ? 10_000 : 100_000;
        Path root = Path.of(System.getProperty("newswire.root", ".")).toAbsolutePath().normalize();
        String figure;
        try (MailBenchSystem system = MailBenchSystem.start(root, "newsletter")) {
            // Stopped from outside (Ctrl-C, the script's timeout): stop everything it started.
            Runtime.getRuntime().addShutdownHook(new Thread(system::close, "bench-shutdown"));
            figure = run(system, root, subscribers);
        }
        // Last, after the broker's and the database's shutdown messages.
        System.out.println(figure);
        System.exit(figure.contains("FAILED") || figure.contains("INCOMPLETE") ? 1 : 0);
    }

    private static String run(MailBenchSystem system, Path root, int subscribers) throws Exception {
        Path work = system.work();
        int smtpPort = MailBenchSystem.freePort();

        // 1. A sink that keeps what it gets, for one warm-up email: the message the reference sends.
        Path dumps = Files.createDirectories(work.resolve("dumps"));
        // smtp-sink drops to user nobody when started as root; nobody must be able to write the dumps.
        dumps.toFile().setWritable(true, false);
        work.toFile().setExecutable(true, false);
        Process dumpingSink = system.startProgram(sink(smtpPort, "-d", dumps + "/%M."), work.resolve("smtp-sink-dump.log"));
        awaitListening(smtpPort, dumpingSink);

        List<String> jvm = new ArrayList<>(List.of(HEAP, "-XX:TieredStopAtLevel=4"));
        if (System.getenv("BENCH_JFR") != null) {
            Path jfr = root.resolve("bench/target/newsletter.jfr");
            jvm.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
            System.out.println("JFR recording to " + jfr);
        }
        // E.g. an async-profiler agent: BENCH_NOTIFY_JVM="-agentpath:/path/libasyncProfiler.so=start,event=cpu,...".
        String extra = System.getenv("BENCH_NOTIFY_JVM");
        if (extra != null && !extra.isBlank()) {
            jvm.addAll(List.of(extra.trim().split("\\s+")));
            System.out.println("notify JVM options added: " + extra.trim());
        }
        ServiceProcess notify = system.startNotify(smtpPort, jvm, List.of(
                "--newswire.newsletter.throttle.messages-per-second=100000",
                "--newswire.newsletter.throttle.smtp-connections=" + SMTP_CONNECTIONS,
                "--newswire.newsletter.fan-out.concurrency=" + FAN_OUT_CONCURRENCY,
                "--newswire.newsletter.page-size=500",
                "--logging.level.io.newswire=WARN"));
        System.out.println("notify-service ready (pid " + notify.pid() + ", " + HEAP + ")");

        system.execute("INSERT INTO subscriber (email, status, confirmed_at) VALUES ('warm-up@example.test', 'confirmed', now())");
        String warmUp = UUID.randomUUID().toString();
        publishStory(system, warmUp, "Warm-up story");
        if (!awaitSent(system, warmUp, 1, 120)) {
            return "FIGURE newsletter: FAILED, the warm-up email was not sent within 120 s; see " + notify.log();
        }
        long warmedUpAt = System.nanoTime();
        Path message = work.resolve("story.eml");
        int messageBytes = extractMessage(dumps, message);
        System.out.println("One story email as sent: " + messageBytes + " bytes");

        // 2. The plain sink on the same port: counts and throws away, as fast as it can.
        dumpingSink.destroy();
        dumpingSink.waitFor(5, TimeUnit.SECONDS);
        Process sink = system.startProgram(sink(smtpPort, "-c"), work.resolve("smtp-sink.log"));
        awaitListening(smtpPort, sink);

        system.execute("DELETE FROM newsletter_delivery");
        system.execute("DELETE FROM subscriber");
        system.execute("""
                INSERT INTO subscriber (email, status, confirmed_at, frequency)
                SELECT 'reader-' || n || '@example.test', 'confirmed', now(), 'each' FROM generate_series(1, %d) AS n"""
                .formatted(subscribers));
        system.execute("ANALYZE subscriber");
        // notify checks a pooled SMTP connection (NOOP) once it has been quiet for 10 s; the one
        // that reached the dumping sink must be found dead that way, not by a failed send.
        long quietUntil = warmedUpAt + TimeUnit.SECONDS.toNanos(11);
        while (System.nanoTime() < quietUntil) {
            TimeUnit.MILLISECONDS.sleep(100);
        }

        // 3. The measured run: publish, then poll the ledger.
        AtomicLong peakRss = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakRss.accumulateAndGet(MailBenchSystem.memoryMb(notify.pid(), "VmRSS"), Math::max);
                try {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                catch (InterruptedException ex) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        String story = UUID.randomUUID().toString();
        long start = System.nanoTime();
        publishStory(system, story, "Council approves the new harbour bridge after a decade of debate");
        long timeoutSeconds = Math.max(120, subscribers / 50);
        boolean done = awaitSent(system, story, subscribers, timeoutSeconds);
        long elapsed = System.nanoTime() - start;
        long sent = sent(system, story);
        sampler.interrupt();
        long hwm = MailBenchSystem.memoryMb(notify.pid(), "VmHWM");
        long rss = Math.max(hwm, peakRss.get());
        double seconds = elapsed / 1e9;
        double emailsPerSecond = sent / seconds;
        System.out.printf("notify: %d of %d emails 'sent' in %.2f s = %.0f emails/s; peak RSS %d MB (VmHWM %d MB)%n",
                sent, subscribers, seconds, emailsPerSecond, rss, hwm);
        notify.close();

        // 4. The reference: smtp-source, the same message, count and parallel sessions, the same sink.
        List<String> source = List.of("smtp-source", "-s", String.valueOf(SMTP_CONNECTIONS), "-d", "-m",
                String.valueOf(subscribers), "-F", message.toString(), "-f", "newsroom@newswire.local",
                "-t", "reader@example.test", "127.0.0.1:" + smtpPort);
        long referenceStart = System.nanoTime();
        Process reference = system.startProgram(source, work.resolve("smtp-source.log"));
        boolean referenceDone = reference.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        double referenceSeconds = (System.nanoTime() - referenceStart) / 1e9;
        if (!referenceDone || reference.exitValue() != 0) {
            System.out.println(Files.readString(work.resolve("smtp-source.log")));
        }
        double referencePerSecond = referenceDone && reference.exitValue() == 0 ? subscribers / referenceSeconds : 0;
        System.out.printf("smtp-source: %d messages of %d bytes over %d sessions in %.2f s = %.0f msgs/s%n",
                subscribers, messageBytes, SMTP_CONNECTIONS, referenceSeconds, referencePerSecond);

        double ratio = referencePerSecond > 0 ? emailsPerSecond / referencePerSecond : 0;
        String json = ("{\"figure\":\"newsletter\",%s,\"subscribers\":%d,\"sent\":%d,\"complete\":%b,\"seconds\":%.3f,"
                + "\"emailsPerSecond\":%.1f,\"messageBytes\":%d,\"smtpConnections\":%d,\"fanOutConcurrency\":%d,"
                + "\"heap\":\"%s\",\"peakRssMb\":%d,\"vmHwmMb\":%d,\"reference\":{\"tool\":\"smtp-source\",\"sessions\":%d,"
                + "\"messages\":%d,\"seconds\":%.3f,\"messagesPerSecond\":%.1f},\"ratio\":%.3f}")
                .formatted(MailBenchSystem.machineJson(), subscribers, sent, done, seconds, emailsPerSecond, messageBytes,
                        SMTP_CONNECTIONS, FAN_OUT_CONCURRENCY, HEAP, rss, hwm, SMTP_CONNECTIONS, subscribers,
                        referenceSeconds, referencePerSecond, ratio);
        MailBenchSystem.appendResult(root.resolve("bench/results/newsletter.jsonl"), json);
        System.out.println(json);
        return String.format("FIGURE newsletter: %s%d emails in %.1f s = %.0f emails/s (target >= 1000); smtp-source = %.0f msgs/s; "
                + "ratio %.2f (target >= 0.3); notify peak RSS %d MB with %s (target <= 512)",
                done ? "" : "INCOMPLETE " + sent + " of ", subscribers, seconds, emailsPerSecond, referencePerSecond, ratio,
                rss, HEAP);
    }

    private static List<String> sink(int port, String... options) {
        List<String> command = new ArrayList<>(List.of("smtp-sink", "-m", "1000"));
        if ("root".equals(System.getProperty("user.name"))) {
            // smtp-sink refuses to run as root without a user to switch to after opening its socket.
            command.addAll(List.of("-u", "nobody"));
        }
        command.addAll(List.of(options));
        command.addAll(List.of("127.0.0.1:" + port, "1000"));
        return command;
    }

    private static void publishStory(MailBenchSystem system, String id, String title) throws Exception {
        system.publish(id, title, "The vote ended a long argument about cost, shipping lanes and the view from the old town; "
                + "construction starts in spring and the first cars cross in four years.",
                "<p>Full story.</p>").get(30, TimeUnit.SECONDS);
    }

    private static long sent(MailBenchSystem system, String story) {
        return system.count("SELECT count(*) FROM newsletter_delivery WHERE article_id = '" + story + "' AND status = 'sent'");
    }

    /** Polls the ledger (a benchmark's own loop, every 100 ms) until {@code expected} are 'sent'. */
    private static boolean awaitSent(MailBenchSystem system, String story, long expected, long timeoutSeconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (sent(system, story) >= expected) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return false;
    }

    private static void awaitListening(int port, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("smtp-sink exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            }
            catch (IOException ex) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        throw new IllegalStateException("smtp-sink is not listening on " + port);
    }

    /**
     * The message as notify sent it, from the sink's dump: the dump starts with the sink's own
     * X-* lines and a three-line Received header, and ends with an empty line.
     */
    private static int extractMessage(Path dumps, Path message) throws IOException {
        Optional<Path> dump;
        try (var files = Files.walk(dumps)) {
            dump = files.filter(Files::isRegularFile).findFirst();
        }
        List<String> lines = Files.readAllLines(dump.orElseThrow(() -> new IllegalStateException("smtp-sink dumped nothing")),
                StandardCharsets.ISO_8859_1);
        int first = 0;
        while (first < lines.size() && lines.get(first).startsWith("X-")) {
            first++;
        }
        if (first < lines.size() && lines.get(first).startsWith("Received:")) {
            first++;
            while (first < lines.size() && (lines.get(first).startsWith(" ") || lines.get(first).startsWith("\t"))) {
                first++;
            }
        }
        int last = lines.size();
        if (last > first && lines.get(last - 1).isEmpty()) {
            last--;
        }
        List<String> body = lines.subList(first, last);
        Files.write(message, body, StandardCharsets.ISO_8859_1);
        // On the wire each line ends with CRLF.
        return body.stream().mapToInt(line -> line.length() + 2).sum();
    }
}
