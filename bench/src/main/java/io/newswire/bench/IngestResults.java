package io.newswire.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Percentiles, and the one raw JSON line each run appends to {@code bench/results/<name>.jsonl}. */
final class IngestResults {

    private IngestResults() {
    }

    /** Nearest-rank percentile of the values (sorted in place), {@code p} in 0..100. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(values);
        int rank = (int) Math.ceil(p / 100.0 * values.length);
        return values[Math.max(0, Math.min(values.length - 1, rank - 1))];
    }

    static String round(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Appends the figures with the machine they were measured on: cores, memory, JDK, date. */
    static void append(Path file, String figure, Map<String, Object> figures) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("figure", figure);
        line.put("date", Instant.now().toString());
        line.put("cores", Runtime.getRuntime().availableProcessors());
        line.put("memoryMb", totalMemoryMb());
        line.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        line.putAll(figures);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static long totalMemoryMb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return -1;
    }

    /** Flat JSON of numbers, booleans, strings and nested maps: enough for a results line, no library needed. */
    static String json(Map<String, Object> map) {
        StringBuilder out = new StringBuilder("{");
        map.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(string(key)).append(':').append(value(value));
        });
        return out.append('}').toString();
    }

    @SuppressWarnings("unchecked")
    private static String value(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?> nested) {
            return json((Map<String, Object>) nested);
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.3f", d);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return string(value.toString());
    }

    private static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
