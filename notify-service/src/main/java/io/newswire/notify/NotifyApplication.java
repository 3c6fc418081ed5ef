package io.newswire.notify;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Reads article events from {@code newswire.articles} and sends each published story to newsletter subscribers once. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotifyApplication {

    /** Read once, when the common pool is made: so set before anything else runs. */
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        // On 2 cores the common pool has one thread, and then CompletableFuture's default async
        // executor starts a new thread per task; the JDK HttpClient (image fetches for social
        // posts) hands each answer to that executor, a thread start per call. Two threads at
        // least; a value set on the command line is kept.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
        SpringApplication.run(NotifyApplication.class, args);
    }
}
