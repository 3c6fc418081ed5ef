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
 * Python's feedparser, the parser behind many feed readers, run as a real client outside the JVM
 * on the exact bytes a test received (Debian package {@code python3-feedparser}; {@code .ci/run}
 * installs it). A feed that feedparser flags as "bozo" is a feed some reader will choke on.
 */
public final class Feedparser {

    /** Debian's interpreter: the first {@code python3} on a PATH may be another one without feedparser. */
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final String SCRIPT = """
            import json, sys, feedparser
            d = feedparser.parse(sys.stdin.buffer.read())
            out = {
              "bozo": bool(d.bozo),
              "bozoException": repr(d.get("bozo_exception")) if d.bozo else None,
              "version": d.version,
              "title": d.feed.get("title"),
              "links": [{"rel": l.get("rel"), "href": l.get("href")} for l in d.feed.get("links", [])],
              "entries": [{"id": e.get("id"), "title": e.get("title"), "link": e.get("link"),
                           "published": e.get("published"), "updated": e.get("updated"),
                           "author": e.get("author"), "tags": [t.get("term") for t in e.get("tags", [])],
                           "content": (e.get("content") or [{}])[0].get("value"), "summary": e.get("summary")}
                          for e in d.entries],
            }
            json.dump(out, sys.stdout, ensure_ascii=False)
            """;

    private Feedparser() {
    }

    /** What feedparser made of the feed. */
    public record Result(boolean bozo, String bozoException, String version, String title, List<Link> links, List<Entry> entries) {
    }

    public record Link(String rel, String href) {
    }

    public record Entry(String id, String title, String link, String published, String updated, String author,
            List<String> tags, String content, String summary) {
    }

    public static Result parse(byte[] feed) {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException(PYTHON + " is missing: apt-get install python3-feedparser (.ci/run does)");
        }
        try {
            Process process = new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(feed);
            }
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("feedparser failed: " + err);
            }
            JsonNode json = JsonMapper.builder().build().readTree(out);
            List<Link> links = new ArrayList<>();
            json.get("links").forEach(l -> links.add(new Link(text(l, "rel"), text(l, "href"))));
            List<Entry> entries = new ArrayList<>();
            json.get("entries").forEach(e -> {
                List<String> tags = new ArrayList<>();
                e.get("tags").forEach(t -> tags.add(t.asString()));
                entries.add(new Entry(text(e, "id"), text(e, "title"), text(e, "link"), text(e, "published"),
                        text(e, "updated"), text(e, "author"), tags, text(e, "content"), text(e, "summary")));
            });
            return new Result(json.get("bozo").asBoolean(), text(json, "bozoException"), text(json, "version"),
                    text(json, "title"), links, entries);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not run feedparser", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
