package io.newswire.notify.subscription;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who the subscription emails come from: the newsletter's own From, Reply-To and Message-ID
 * domain, read from {@code newswire.newsletter.*} so that a deployment sets them once for every
 * email the service sends. Defaults as the newsletter's.
 */
record MailIdentity(@DefaultValue("newsroom@newswire.local") String fromAddress,
        @DefaultValue("newsroom@newswire.local") String replyToAddress,
        @DefaultValue("newswire.local") String messageIdDomain) {
}
