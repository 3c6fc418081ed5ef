package io.newswire.notify.subscription;

import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Leaving with one click. {@code GET /unsubscribe?token=…} shows a page with one button (a mail
 * scanner following the link must not unsubscribe anyone); {@code POST} with the body
 * {@code List-Unsubscribe=One-Click} (RFC 8058, what mailbox providers send from their own
 * "unsubscribe" button, and what the page's button sends) unsubscribes at once and answers 200.
 */
@Controller
class UnsubscribeController {

    private final SubscriberTokens tokens;
    private final Unsubscriptions unsubscriptions;

    UnsubscribeController(SubscriberTokens tokens, Unsubscriptions unsubscriptions) {
        this.tokens = tokens;
        this.unsubscriptions = unsubscriptions;
    }

    @GetMapping(path = "/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView confirmPage(@RequestParam(required = false) String token) {
        if (tokens.verify(token, SubscriberTokens.Purpose.UNSUBSCRIBE).isEmpty()) {
            return SubscriptionPages.invalidLink();
        }
        return SubscriptionPages.page("unsubscribe", HttpStatus.OK).addObject("token", token);
    }

    @PostMapping(path = "/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView unsubscribe(@RequestParam(required = false) String token,
            @RequestParam(name = "List-Unsubscribe", required = false) String oneClick) {
        Optional<UUID> subscriber = tokens.verify(token, SubscriberTokens.Purpose.UNSUBSCRIBE);
        if (subscriber.isEmpty() || !"One-Click".equals(oneClick) || !unsubscriptions.unsubscribe(subscriber.get())) {
            return SubscriptionPages.invalidLink();
        }
        return SubscriptionPages.page("unsubscribed", HttpStatus.OK);
    }
}
