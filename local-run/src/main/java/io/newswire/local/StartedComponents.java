package io.newswire.local;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a launcher started (broker, database, services, reference servers), to be stopped in the
 * reverse order: what depends on something stops before it. A component that fails to stop is
 * reported and the others are still stopped. Closing twice is harmless.
 */
public final class StartedComponents implements AutoCloseable {

    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    /** Records a started component and returns it. */
    public synchronized <T extends AutoCloseable> T add(T component) {
        running.push(component);
        return component;
    }

    /** Stops everything in the reverse order of starting. */
    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            AutoCloseable component = running.pop();
            try {
                component.close();
            }
            catch (Exception ex) {
                System.err.println("While stopping " + component + ": " + ex.getMessage());
            }
        }
    }
}
