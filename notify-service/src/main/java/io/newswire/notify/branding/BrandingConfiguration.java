package io.newswire.notify.branding;

import com.samskivert.mustache.Mustache;
import io.newswire.notify.subscription.SubscriptionProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the branded email templates every kind of email is written with. */
@Configuration(proxyBeanMethods = false)
class BrandingConfiguration {

    @Bean
    EmailTemplates emailTemplates(Mustache.Compiler compiler, BrandingProperties branding,
            SubscriptionProperties subscriptions) {
        return new EmailTemplates(compiler, branding, subscriptions.publicBaseUrl());
    }
}
