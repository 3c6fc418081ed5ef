package io.newswire.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the CPU goes during the measured window: ingest-service, PostgreSQL (every process whose
 * command is postgres), the benchmark JVM itself (the embedded broker; the load generator is wrk,
 * whose CPU {@link IngestWrk} reads) and the whole machine, so the README can say what the figure
 * costs per story and who else takes the cores.
 */
final class IngestWindowCpu {

    private final long ingestPid;
    private long startNanos;
    private long[] start;

    IngestWindowCpu(long ingestPid) {
        this.ingestPid = ingestPid;
    }

    void begin() {
        startNanos = System.nanoTime();
        start = sample();
    }

    /** Cores used by each party over the window, and ingest's CPU milliseconds per accepted story. */
    Map<String, Object> end(long accepted) {
        long[] end = sample();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("ingestCores", cores(end[0] - start[0], seconds));
        figures.put("postgresCores", cores(end[1] - start[1], seconds));
        figures.put("benchJvmCores", cores(end[2] - start[2], seconds));
        if (start[3] >= 0 && end[3] >= 0 && end[4] > start[4]) {
            figures.put("machineBusy", Math.round(1000.0 * (end[3] - start[3]) / (end[4] - start[4])) / 1000.0);
        }
        figures.put("ingestCpuMsPerStory", accepted == 0 ? 0 : Math.round(100.0 * (end[0] - start[0]) / 1e6 / accepted) / 100.0);
        return figures;
    }

    private static double cores(long nanos, double seconds) {
        return Math.round(100.0 * nanos / 1e9 / seconds) / 100.0;
    }

    private long[] sample() {
        long ingest = cpu(ProcessHandle.of(ingestPid));
        // The embedded server is started through pg_ctl, so its processes are not this JVM's descendants;
        // the benchmark runs alone (the shared CPU lock), so every postgres process is its own.
        long postgres = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .mapToLong(p -> cpu(Optional.of(p))).sum();
        long bench = cpu(Optional.of(ProcessHandle.current()));
        long[] machine = machine();
        return new long[] {ingest, postgres, bench, machine[0], machine[1]};
    }

    private static long cpu(Optional<ProcessHandle> process) {
        return process.flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    }

    /** Busy and total jiffies of all cores from /proc/stat (Linux), or -1 elsewhere. */
    private static long[] machine() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] values = Arrays.stream(fields, 1, fields.length).mapToLong(Long::parseLong).toArray();
            long total = Arrays.stream(values).sum();
            return new long[] {total - values[3] - values[4], total};
        }
        catch (IOException | RuntimeException ex) {
            return new long[] {-1, -1};
        }
    }
}
