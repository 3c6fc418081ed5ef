package io.newswire.bench;

import java.nio.file.Path;

/**
 * The social platforms' stand-in: nginx (one worker) answering every request at once with 201 and
 * a JSON {@code id} of its own ({@code $request_id}, 32 random hex digits), as a platform that
 * accepted the post does. It does not check signatures: it is there to cost the machine as little
 * as possible, so that the figure is notify's, and its own ceiling is measured with wrk.
 *
 * <p>It was a JDK {@code HttpServer} in the benchmark JVM: ~0.4 ms of CPU per post on cores the
 * posts need (bench/README-social.md).
 */
final class SocialStandIn implements AutoCloseable {

    static final String DESCRIPTION = "nginx, 1 worker";

    private final Nginx nginx;

    private SocialStandIn(Nginx nginx) {
        this.nginx = nginx;
    }

    /** Starts the stand-in with its files (configuration, logs) in {@code dir}. */
    static SocialStandIn start(Path dir) {
        // nginx reads and discards the request body before it answers a `return`, so keep-alive works.
        String server = """
                        location / {
                            default_type application/json;
                            return 201 '{"id":"$request_id"}';
                        }
                """;
        return new SocialStandIn(Nginx.start(dir, "1", server, "/"));
    }

    String base() {
        return nginx.base();
    }

    @Override
    public void close() {
        nginx.close();
    }
}
