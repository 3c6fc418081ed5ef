package io.newswire.apikeys;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request to {@code newswire.api.protected-paths} needs a known key (401), and every handler
 * marked {@link RequiresScope} needs its scope (403, rendered by Spring MVC's problem details:
 * set {@code spring.mvc.problemdetails.enabled} or have a {@code ResponseEntityExceptionHandler}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiKeyProperties.class)
public class ApiKeysAutoConfiguration implements WebMvcConfigurer {

    /** Where the key filter runs; a service's own API filters go after it, so a stranger hears 401 first. */
    public static final int API_KEY_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeyProperties properties, JsonMapper json) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
                new ApiKeyFilter(properties.clients(), new ProblemResponses(json)));
        registration.setUrlPatterns(properties.protectedPaths());
        registration.setOrder(API_KEY_FILTER_ORDER);
        return registration;
    }

    @Bean
    UnusedScopes unusedScopes(ApiKeyProperties properties, ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
        return new UnusedScopes(properties.clients(), handlerMappings);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // Every path: a scoped handler outside the protected paths is refused, never served.
        registry.addInterceptor(new ScopeInterceptor());
    }
}
