package io.newswire.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Newswire service running as its own JVM, with exactly its own module's runtime classpath
 * (written by the build to {@code target/runtime-classpath.txt}), as it would run in production:
 * services never see each other's classes or auto-configuration.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a service.
     *
     * @param root      the reactor's root directory
     * @param module    the service's module directory name, e.g. {@code feed-service}
     * @param mainClass the service's Spring Boot application class
     * @param port      the HTTP port it listens on
     * @param env       environment variables on top of this process's (Spring reads SPRING_* from them)
     * @param args      Spring arguments such as {@code --newswire.feed.max-items=20}
     * @param logDir    where its output goes, as {@code <module>.log}
     */
    public static ServiceProcess start(Path root, String module, String mainClass, int port,
            Map<String, String> env, List<String> args, Path logDir) {
        return start(root, module, mainClass, port, env, List.of(), args, logDir);
    }

    /**
     * Starts a service with JVM options of its own (e.g. a heap size for a benchmark), given after
     * the launcher's defaults, so they win where they set the same flag.
     *
     * @param jvmOptions options for {@code java} itself, e.g. {@code -Xmx256m}
     */
    public static ServiceProcess start(Path root, String module, String mainClass, int port,
            Map<String, String> env, List<String> jvmOptions, List<String> args, Path logDir) {
        Path moduleDir = root.resolve(module);
        Path classpathFile = moduleDir.resolve("target/runtime-classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: build first (./mvnw -pl local-run -am spring-boot:run does)");
        }
        try {
            String dependencies = Files.readString(classpathFile).strip();
            String classpath = moduleDir.resolve("target/classes") + (dependencies.isEmpty() ? "" : java.io.File.pathSeparator + dependencies);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-XX:TieredStopAtLevel=1");
            command.add("-Xss512k");
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(classpath);
            command.add(mainClass);
            command.add("--server.port=" + port);
            command.addAll(args);
            Files.createDirectories(logDir);
            Path log = logDir.resolve(module + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            return new ServiceProcess(module, port, builder.start(), log);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + module, ex);
        }
    }

    /** Waits until the service reports itself ready (actuator readiness 200), or fails with its log's tail. */
    public ServiceProcess awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail(40));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            }
            catch (IOException ex) {
                // Not listening yet.
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, ex);
            }
            try {
                // A readiness poll interval, not a test wait: this is the launcher's own loop.
                process.waitFor(250, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, ex);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + logTail(40));
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** The operating system's id of the service's process, e.g. to read its memory from /proc. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the service's output, for error reports. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException ex) {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    /** Asks the service to shut down gracefully (SIGTERM), and kills it if it has not within 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
