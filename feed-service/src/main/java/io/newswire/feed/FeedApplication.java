package io.newswire.feed;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Keeps every published article in memory, rebuilt from {@code newswire.articles} at each start,
 * and serves them as RSS, Atom and JSON feeds: for the site and for each category, tag and author.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FeedApplication {

    public static void main(String[] args) {
        SpringApplication.run(FeedApplication.class, args);
    }
}
