package io.newswire.notify.newsletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.newswire.notify.branding.EmailTemplates;
import io.newswire.notify.subscription.SubscriberLinks;
import io.newswire.notify.system.AfterDeadLetter;
import io.newswire.notify.system.DrainBeforeListenersStop;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.json.JsonMapper;

/** Wiring of the newsletter feature: plain classes, put together here so none of them needs Spring. */
@Configuration(proxyBeanMethods = false)
class NewsletterConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MailChannel smtpMailChannel(JavaMailSenderImpl mailSender, NewsletterProperties properties) {
        return new SmtpMailChannel(mailSender, properties.throttle().smtpConnections());
    }

    @Bean
    Stories stories(JdbcClient jdbc, JsonMapper json) {
        return new Stories(jdbc, json);
    }

    @Bean
    StoryFanOut storyFanOut(KafkaOperations<String, Object> kafka, NewsletterProperties properties, Clock clock) {
        return new StoryFanOut(kafka, properties, clock);
    }

    @Bean
    NewsletterDispatch newsletterDispatch(JdbcClient jdbc, Stories stories, MailChannel mail, NewsletterProperties properties,
            SubscriberLinks links, EmailTemplates templates, MeterRegistry meters) {
        return new NewsletterDispatch(new ConfirmedSubscribers(jdbc), stories, new DeliveryLedger(jdbc),
                new StoryEmail(properties, templates, links), mail, properties, meters);
    }

    @Bean
    DrainBeforeListenersStop fanOutShutdown(NewsletterDispatch dispatch) {
        return new DrainBeforeListenersStop(dispatch::resumeSending, dispatch::stopSending);
    }

    @Bean
    AfterDeadLetter fanOutGivenUp(NewsletterDispatch dispatch) {
        return (record, failure) -> {
            if (StoryFanOut.TOPIC.equals(record.topic()) && record.value() instanceof FanOutWork work) {
                dispatch.givenUp(work);
            }
        };
    }
}
