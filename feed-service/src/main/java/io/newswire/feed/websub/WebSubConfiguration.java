package io.newswire.feed.websub;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of WebSub announcements: one HTTP client and one small scheduler for every hub. */
@Configuration(proxyBeanMethods = false)
class WebSubConfiguration {

    @Bean
    HubAnnouncer hubAnnouncer(WebSubProperties properties) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new HubAnnouncer(properties, http, Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "websub-announcer");
            thread.setDaemon(true);
            return thread;
        }));
    }
}
