package io.newswire.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the ingest load: {@code wrk} (the Debian package) with {@code ingest-post.lua}, one
 * connection per client, each sending its next distinct 5 KB story as soon as the previous one is
 * answered, and what it reported. wrk is run by a shell that then prints its own {@code /proc} stat
 * line, whose children's CPU times are wrk's: the load generator's cost is measured, not guessed.
 *
 * @param accepted    answers 202 (every answer but the ones the script counted as not 202)
 * @param errors      answers other than 202, and wrk's socket errors (connect, read, write, timeout)
 * @param seconds     the run's length as wrk measured it
 * @param cpuSeconds  wrk's CPU time (user and system)
 */
record IngestWrk(long accepted, long errors, double seconds, double p50Ms, double p99Ms, double cpuSeconds, String output) {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([0-9.]+)(ms|s|m)\\b");
    private static final Pattern NOT_202 = Pattern.compile("answers-not-202 (\\d+)");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /**
     * @param label keeps the stories' URLs distinct from another run's (a URL seen before is an update)
     */
    static IngestWrk run(Path script, String url, String authorization, int connections, int seconds, String label) {
        // bash waits for wrk, then prints its own stat line: fields 16 and 17 are its waited-for children's CPU.
        List<String> command = List.of("bash", "-c", "wrk \"$@\"; status=$?; cat /proc/$$/stat; exit $status", "wrk",
                "-t2", "-c" + connections, "-d" + seconds + "s", "--timeout", "30s", "--latency",
                "-H", "Authorization: " + authorization, "-s", script.toString(), url, "--", label);
        return parse(FeedWrk.execute(command));
    }

    static IngestWrk parse(String output) {
        FeedWrk wrk = FeedWrk.parse("ingest", output);
        Matcher requests = find(REQUESTS, output);
        double seconds = Double.parseDouble(requests.group(2)) * switch (requests.group(3)) {
            case "ms" -> 0.001;
            case "s" -> 1;
            default -> 60;
        };
        long not202 = Long.parseLong(find(NOT_202, output).group(1));
        long socketErrors = 0;
        if (!wrk.socketErrors().equals("none")) {
            Matcher number = NUMBER.matcher(wrk.socketErrors());
            while (number.find()) {
                socketErrors += Long.parseLong(number.group());
            }
        }
        String[] lines = output.strip().split("\n");
        String stat = lines[lines.length - 1];
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // cutime and cstime (fields 16 and 17, counted from the state, field 3), in clock ticks of 10 ms.
        double cpuSeconds = (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
        String report = String.join("\n", Arrays.copyOf(lines, lines.length - 1));
        return new IngestWrk(wrk.requests() - not202, not202 + socketErrors, seconds, wrk.p50Ms(), wrk.p99Ms(), cpuSeconds, report);
    }

    private static Matcher find(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("Unexpected wrk report (no " + pattern + "):\n" + output);
        }
        return matcher;
    }
}
