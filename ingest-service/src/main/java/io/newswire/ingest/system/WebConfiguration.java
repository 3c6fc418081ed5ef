package io.newswire.ingest.system;

import io.newswire.apikeys.ApiKeysAutoConfiguration;
import io.newswire.apikeys.ProblemResponses;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP edge: every {@code /api} request needs a known key (401) and the scope its handler asks
 * for (403), both from the {@code api-keys} module (its default {@code newswire.api.protected-paths}
 * is {@code /api/*}), and a body within the cap (413); health, metrics and the API description stay open.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(ApiProperties properties, JsonMapper json) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxBodySize().toBytes(), new ProblemResponses(json)));
        registration.addUrlPatterns("/api/*");
        // After authentication: an unknown caller is told 401 before anything about its body.
        registration.setOrder(ApiKeysAutoConfiguration.API_KEY_FILTER_ORDER + 10);
        return registration;
    }
}
