package io.newswire.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A text summary of a JFR recording (JDK 17 has no {@code jfr view}): the JVM's and the machine's
 * CPU load, the hottest methods by own samples, and the methods most often on the stack, so the
 * README can name what saturates.
 */
final class IngestProfile {

    private IngestProfile() {
    }

    static void summarise(Path recording, PrintStream out) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        double jvmCpu = 0;
        double machineCpu = 0;
        int cpuEvents = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.CPULoad")) {
                jvmCpu += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                machineCpu += event.getFloat("machineTotal");
                cpuEvents++;
            }
            else if (type.equals("jdk.ExecutionSample")) {
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                self.merge(name(stack.getFrames().get(0)), 1, Integer::sum);
                Set<String> once = new HashSet<>();
                for (RecordedFrame frame : stack.getFrames()) {
                    String name = name(frame);
                    if (once.add(name)) {
                        inclusive.merge(name, 1, Integer::sum);
                    }
                }
            }
        }
        out.printf("  CPU (whole recording, mean): ingest JVM %.0f%%, machine %.0f%% (of all cores)%n",
                100 * jvmCpu / Math.max(1, cpuEvents), 100 * machineCpu / Math.max(1, cpuEvents));
        out.println("  Hottest methods (own samples, of " + samples + "):");
        top(self, samples, 15, out);
        out.println("  Most often on the stack (Newswire, Spring, Kafka, JDBC frames):");
        Map<String, Integer> interesting = new HashMap<>();
        inclusive.forEach((name, count) -> {
            if (name.startsWith("io.newswire") || name.startsWith("org.apache.kafka") || name.startsWith("org.postgresql")
                    || name.startsWith("com.zaxxer") || name.startsWith("org.springframework.transaction")
                    || name.startsWith("tools.jackson") || name.startsWith("ch.qos.logback")) {
                interesting.put(name, count);
            }
        });
        top(interesting, samples, 20, out);
    }

    private static void top(Map<String, Integer> counts, int total, int limit, PrintStream out) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(entry -> out.printf("    %5.1f%%  %s%n", 100.0 * entry.getValue() / Math.max(1, total), entry.getKey()));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
