package io.newswire.notify.subscription;

import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

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
    ResponseEntity<String> confirmPage(@RequestParam(required = false) String token) {
        if (tokens.verify(token, SubscriberTokens.Purpose.UNSUBSCRIBE).isEmpty()) {
            return invalidLink();
        }
        return ResponseEntity.ok(page("Unsubscribe", """
                <h1>Unsubscribe</h1>
                <p>Stop receiving the newsletter at this address?</p>
                <form method="post" action="/unsubscribe?token=%s">
                  <input type="hidden" name="List-Unsubscribe" value="One-Click">
                  <button type="submit">Unsubscribe</button>
                </form>""".formatted(HtmlUtils.htmlEscape(token))));
    }

    @PostMapping(path = "/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> unsubscribe(@RequestParam(required = false) String token,
            @RequestParam(name = "List-Unsubscribe", required = false) String oneClick) {
        Optional<UUID> subscriber = tokens.verify(token, SubscriberTokens.Purpose.UNSUBSCRIBE);
        if (subscriber.isEmpty() || !"One-Click".equals(oneClick) || !unsubscriptions.unsubscribe(subscriber.get())) {
            return invalidLink();
        }
        return ResponseEntity.ok(page("Unsubscribed", """
                <h1>You are unsubscribed</h1>
                <p>No more newsletters will be sent to this address.</p>"""));
    }

    private static ResponseEntity<String> invalidLink() {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_HTML).body(page("Link not valid", """
                <h1>This link is not valid</h1>
                <p>Use the unsubscribe link of a recent newsletter, or write to us.</p>"""));
    }

    private static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
                button{font-size:1rem;padding:.6rem 1.2rem}</style></head>
                <body><main>%s</main></body></html>
                """.formatted(title, body);
    }
}
