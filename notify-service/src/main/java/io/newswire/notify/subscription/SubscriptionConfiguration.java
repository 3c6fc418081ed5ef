package io.newswire.notify.subscription;

import com.samskivert.mustache.Mustache;
import io.newswire.notify.newsletter.MailChannel;
import java.time.Clock;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Wiring of the subscription feature: plain classes, put together here so none of them needs Spring. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SubscriptionConfiguration {

    @Bean
    SubscriberTokens subscriberTokens(SubscriptionProperties properties, Clock clock) {
        return new SubscriberTokens(properties.tokenSecret(), clock);
    }

    @Bean
    Unsubscriptions unsubscriptions(JdbcClient jdbc) {
        return new Unsubscriptions(jdbc);
    }

    @Bean
    Subscribers subscribers(JdbcClient jdbc) {
        return new Subscribers(jdbc);
    }

    @Bean
    SubscriberLinks subscriberLinks(SubscriptionProperties properties, SubscriberTokens tokens, Clock clock) {
        return new SubscriberLinks(properties.publicBaseUrl(), tokens, properties.confirmationLifetime(), clock);
    }

    @Bean
    Subscriptions subscriptions(Subscribers subscribers, Unsubscriptions unsubscriptions, SubscriberTokens tokens,
            SubscriberLinks links, MailChannel mail, Mustache.Compiler mustache, SubscriptionProperties properties,
            Environment environment) {
        // The newsletter's sender settings, so a deployment sets From and the Message-ID domain once.
        MailIdentity identity = Binder.get(environment).bindOrCreate("newswire.newsletter", MailIdentity.class);
        SubscriptionEmails emails = new SubscriptionEmails(mustache, properties.siteName(), identity,
                properties.confirmationLifetime());
        return new Subscriptions(subscribers, unsubscriptions, tokens, links, emails, mail);
    }

    @Bean
    SubscriptionInput subscriptionInput(SubscriptionProperties properties) {
        return new SubscriptionInput(properties.topics());
    }

    @Bean
    SignupLimiter signupLimiter(SubscriptionProperties properties) {
        return new SignupLimiter(properties.signupLimit(), System::nanoTime);
    }

    @Bean
    ExpiredSignupSweep expiredSignupSweep(Subscribers subscribers, SubscriptionProperties properties) {
        return new ExpiredSignupSweep(subscribers, properties.confirmationLifetime());
    }

    /** The scheduler's adapter: every hour, forget the signups nobody confirmed. */
    @Component
    static class ExpiredSignupTick {

        private final ExpiredSignupSweep sweep;

        ExpiredSignupTick(ExpiredSignupSweep sweep) {
            this.sweep = sweep;
        }

        @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
        void tick() {
            sweep.sweep();
        }
    }
}
