package io.newswire.notify.digest;

import io.newswire.notify.branding.BrandingProperties;
import io.newswire.notify.branding.EmailTemplates;
import io.newswire.notify.newsletter.Email;
import io.newswire.notify.newsletter.MailChannel;
import io.newswire.notify.newsletter.NewsletterProperties;
import io.newswire.notify.subscription.SubscriberLinks;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/** Wiring of the digest feature: plain classes, put together here so none of them needs Spring. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DigestConfiguration {

    @Bean
    DigestScheduler digestScheduler(JdbcClient jdbc, JsonMapper json, MailChannel mail, DigestProperties digests,
            NewsletterProperties newsletter, BrandingProperties branding, EmailTemplates templates,
            SubscriberLinks links) {
        return assemble(jdbc, json, mail, digests, newsletter, branding, templates, links);
    }

    /** The ticking adapter; off where ticks are driven by hand ({@code newswire.digest.enabled=false}). */
    @Bean
    @ConditionalOnBooleanProperty(name = "newswire.digest.enabled", matchIfMissing = true)
    DigestTicker digestTicker(DigestScheduler scheduler, Clock clock) {
        return new DigestTicker(scheduler, clock);
    }

    /** Everything a tick needs, from its parts; tests build one around a mail channel of their own. */
    static DigestScheduler assemble(JdbcClient jdbc, JsonMapper json, MailChannel mail, DigestProperties digests,
            NewsletterProperties newsletter, BrandingProperties branding, EmailTemplates templates, SubscriberLinks links) {
        DigestSchedule schedule = new DigestSchedule(digests.sendAt(), digests.zone(), digests.weeklyDay());
        DigestRuns runs = new DigestRuns(jdbc, digests.lease());
        // The digest is the newsletter's own list in another rhythm: same sender, same List-Id.
        Email.Sender sender = new Email.Sender(newsletter.publisherName(), newsletter.fromAddress(),
                newsletter.replyToAddress(), "newsletter." + newsletter.messageIdDomain());
        DigestEmail digestEmail = new DigestEmail(sender, newsletter.messageIdDomain(), templates, links, branding.name(),
                schedule);
        DigestLedger ledger = new DigestLedger(jdbc, digests.lease(), digests.tick(), digests.maxAttempts());
        DigestDispatch dispatch = new DigestDispatch(runs, new DigestSubscribers(jdbc), new DigestStories(jdbc, json), ledger,
                digestEmail, mail, newsletter.pageSize(), digests.maxStories());
        return new DigestScheduler(schedule, runs, dispatch);
    }
}
