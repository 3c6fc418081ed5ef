package io.newswire.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code wrk} run (the Debian package) and what its {@code --latency} report says. */
record FeedWrk(String label, double requestsPerSecond, double p50Ms, double p99Ms, long requests,
        long non2xx3xx, String socketErrors, String output) {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_OK = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: ([^\\n]+)");

    /** Runs {@code wrk -t2 -c<connections> -d<seconds>s --latency [-H header] url} and parses its report. */
    static FeedWrk run(String label, String url, int connections, int seconds, String header) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s",
                "--latency"));
        if (header != null) {
            command.add("-H");
            command.add(header);
        }
        command.add(url);
        return parse(label, execute(command));
    }

    /** Runs a wrk command line (wrk itself, or a shell around it) to its end and returns what it printed. */
    static String execute(List<String> command) {
        try {
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = wrk.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("wrk exited with " + exit + ":\n" + output);
            }
            return output;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not run wrk (apt-get install wrk)", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while wrk ran", ex);
        }
    }

    static FeedWrk parse(String label, String output) {
        Matcher errors = SOCKET_ERRORS.matcher(output);
        Matcher nonOk = NON_OK.matcher(output);
        return new FeedWrk(label, Double.parseDouble(find(RATE, output)), percentile(output, "50%"),
                percentile(output, "99%"), Long.parseLong(find(TOTAL, output)),
                nonOk.find() ? Long.parseLong(nonOk.group(1)) : 0, errors.find() ? errors.group(1).strip() : "none",
                output);
    }

    /** A latency percentile line of the distribution, e.g. {@code 99%    3.10ms}, in milliseconds. */
    private static double percentile(String output, String percentile) {
        Matcher line = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s|m)\\b").matcher(output);
        if (!line.find()) {
            throw new IllegalStateException("No " + percentile + " latency in wrk's report:\n" + output);
        }
        double value = Double.parseDouble(line.group(1));
        return switch (line.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
        };
    }

    private static String find(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("Unexpected wrk report (no " + pattern + "):\n" + output);
        }
        return matcher.group(1);
    }

    String summary() {
        return String.format(Locale.ROOT, "%.0f req/s p99 %.2f ms", requestsPerSecond, p99Ms);
    }

    String json() {
        return String.format(Locale.ROOT,
                "{\"requestsPerSecond\":%.1f,\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"requests\":%d,\"non2xx3xx\":%d,\"socketErrors\":%s}",
                requestsPerSecond, p50Ms, p99Ms, requests, non2xx3xx, FeedBench.json(socketErrors));
    }
}
