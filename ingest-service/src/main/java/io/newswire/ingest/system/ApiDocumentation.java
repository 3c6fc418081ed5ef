package io.newswire.ingest.system;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the push API, served at {@code /v3/api-docs} and browsable at
 * {@code /swagger-ui.html}; both are open so a CMS developer can read them without a key.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Newswire ingest API", version = "v1",
                description = "Publish, update, retract and read articles; every accepted write is one CloudEvent on newswire.articles."),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key issued to your CMS, sent as 'Authorization: Bearer <key>'.")
class ApiDocumentation {
}
