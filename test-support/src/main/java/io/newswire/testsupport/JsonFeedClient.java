package io.newswire.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real JSON Feed client outside the JVM: the Node library feedsmith, run on the exact bytes a
 * test received ({@code tools/feed-clients}; {@code .ci/run} installs it). It stands in for Python's
 * feedparser where that cannot help: Debian's feedparser 6.0.10 does not read JSON Feed at all.
 */
public final class JsonFeedClient {

    private JsonFeedClient() {
    }

    /** What feedsmith made of the feed. */
    public record Result(String title, String feedUrl, List<Item> items) {
    }

    public record Item(String id, String url, String title) {
    }

    /** Parses the feed; fails the test with feedsmith's reason when it is not a JSON Feed it accepts. */
    public static Result parse(byte[] feed) {
        Path script = clients().resolve("parse-json-feed.mjs");
        try {
            Process process = new ProcessBuilder("node", script.toString()).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(feed);
            }
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("feedsmith refused the JSON Feed: " + err);
            }
            JsonNode json = JsonMapper.builder().build().readTree(out);
            List<Item> items = new ArrayList<>();
            json.get("items").forEach(i -> items.add(new Item(text(i, "id"), text(i, "url"), text(i, "title"))));
            return new Result(text(json, "title"), text(json, "feedUrl"), items);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not run node: install Node.js and run .ci/run once", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** {@code tools/feed-clients} of this checkout, found upwards from the test's working directory. */
    private static Path clients() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path clients = dir.resolve("tools/feed-clients");
            if (Files.isDirectory(clients.resolve("node_modules/feedsmith"))) {
                return clients;
            }
        }
        throw new IllegalStateException("tools/feed-clients/node_modules is missing: npm ci --prefix tools/feed-clients (.ci/run does)");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
