package io.newswire.bench;

import io.newswire.local.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The round trips behind the posts: PostgreSQL's transactions and statements on the database (all
 * of notify's statements are autocommitted, so one transaction is one statement) and notify's Kafka
 * client and listener counters, read before and after the measured phase and divided by the posts.
 * Counts of everything in the phase (the article listener's too), so an upper bound per post.
 */
record SocialCounters(Map<String, Double> values) {

    private static final List<String> KAFKA_SERIES = List.of("kafka_consumer_coordinator_commit_total",
            "kafka_consumer_fetch_manager_fetch_total", "kafka_consumer_fetch_manager_records_consumed_total",
            "spring_kafka_listener_seconds_count", "kafka_producer_request_total");

    static SocialCounters read(MailBenchSystem system, ServiceProcess notify) throws IOException, InterruptedException {
        Map<String, Double> values = new TreeMap<>();
        // PostgreSQL publishes a backend's counts at most once a second.
        Thread.sleep(1_100);
        try (Connection connection = system.jdbc(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated
                        FROM pg_stat_database WHERE datname = current_database()""")) {
            rows.next();
            for (String column : List.of("xact_commit", "xact_rollback", "tup_returned", "tup_fetched", "tup_inserted", "tup_updated")) {
                values.put("postgres " + column, (double) rows.getLong(column));
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
        // CPU time (utime + stime, in clock ticks of 10 ms) of notify, PostgreSQL (its server and backends)
        // and this JVM (the broker, the publisher), and the stand-in (nginx, this JVM's descendants).
        values.put("cpu ms: bench JVM (broker)", cpuMillis(ProcessHandle.current()));
        ProcessHandle.current().descendants().filter(process -> process.info().command().orElse("").endsWith("/nginx"))
                .forEach(process -> values.merge("cpu ms: stand-in (nginx)", cpuMillis(process), Double::sum));
        values.put("cpu ms: notify", cpuMillis(ProcessHandle.of(notify.pid()).orElseThrow()));
        // pg_ctl starts the server detached (not a descendant of this JVM): every PostgreSQL process,
        // which on a machine running one benchmark at a time is this one's.
        ProcessHandle.allProcesses().filter(process -> process.info().command().orElse("").endsWith("/postgres"))
                .forEach(process -> values.merge("cpu ms: postgres", cpuMillis(process), Double::sum));
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(notify.baseUrl() + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("#") || KAFKA_SERIES.stream().noneMatch(line::startsWith)) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            values.merge(line.substring(0, space), Double.parseDouble(line.substring(space + 1)), Double::sum);
        }
        return new SocialCounters(values);
    }

    private static double cpuMillis(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of the line, counted from the state (field 3) after the command's parentheses.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
        }
        catch (IOException | RuntimeException ex) {
            return 0;
        }
    }

    private double sum(String series) {
        return values.entrySet().stream().filter(entry -> entry.getKey().startsWith(series)).mapToDouble(Map.Entry::getValue).sum();
    }

    SocialCounters minus(SocialCounters before) {
        Map<String, Double> delta = new TreeMap<>();
        values.forEach((key, value) -> delta.put(key, value - before.values.getOrDefault(key, 0.0)));
        return new SocialCounters(delta);
    }

    /** Prints the PostgreSQL counts per post, and writes every changed series per post to {@code file}. */
    void print(long posts, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        values.forEach((key, value) -> {
            if (value != 0) {
                lines.add("%10.3f per post  %s".formatted(value / posts, key));
            }
        });
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
        System.out.printf("CPU per post: notify %.2f ms, postgres %.2f ms, bench JVM (broker) %.2f ms, stand-in (nginx) %.2f ms%n",
                values.getOrDefault("cpu ms: notify", 0.0) / posts, values.getOrDefault("cpu ms: postgres", 0.0) / posts,
                values.getOrDefault("cpu ms: bench JVM (broker)", 0.0) / posts,
                values.getOrDefault("cpu ms: stand-in (nginx)", 0.0) / posts);
        System.out.printf("per post: %.2f offset commits, %.2f fetches, %.2f listener calls (every consumer of notify)%n",
                sum("kafka_consumer_coordinator_commit_total") / posts, sum("kafka_consumer_fetch_manager_fetch_total") / posts,
                sum("spring_kafka_listener_seconds_count") / posts);
        System.out.printf("per post: %.2f database transactions, %.2f rows fetched, %.2f inserted, %.2f updated (all of %s)%n",
                values.getOrDefault("postgres xact_commit", 0.0) / posts, values.getOrDefault("postgres tup_fetched", 0.0) / posts,
                values.getOrDefault("postgres tup_inserted", 0.0) / posts, values.getOrDefault("postgres tup_updated", 0.0) / posts, file);
    }
}
