package io.newswire.ingest.system;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP edge: every write API needs a key; health and metrics stay open for probes. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiProperties properties, JsonMapper json) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(properties, json));
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
