package io.newswire.notify.newsletter;

import io.newswire.notify.branding.EmailTemplates;
import io.newswire.notify.subscription.SubscriberLinks;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

/** Wiring of the newsletter feature: plain classes, put together here so none of them needs Spring. */
@Configuration(proxyBeanMethods = false)
class NewsletterConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MailChannel smtpMailChannel(JavaMailSender mailSender) {
        return new SmtpMailChannel(mailSender);
    }

    @Bean
    NewsletterDispatch newsletterDispatch(JdbcClient jdbc, MailChannel mail, NewsletterProperties properties, Clock clock,
            SubscriberLinks links, EmailTemplates templates) {
        return new NewsletterDispatch(new ConfirmedSubscribers(jdbc), new DeliveryLedger(jdbc),
                new StoryEmail(properties, templates, links), mail, properties, clock);
    }
}
