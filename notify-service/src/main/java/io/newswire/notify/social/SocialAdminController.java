package io.newswire.notify.social;

import io.newswire.apikeys.RequiresScope;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' API for social accounts (scope {@value #SCOPE}, under the api-keys module's
 * guard of {@code /api/v1/admin/*}): accounts and their pauses, resuming one, backfilling one, and
 * where a story's posts stand. Dead letters of {@code newswire.social.work} are listed and
 * replayed with the others, under {@code /api/v1/admin/dead-letters}. Errors are RFC 9457 problem details.
 */
@RestController
@RequestMapping("/api/v1/admin/social")
class SocialAdminController {

    static final String SCOPE = "social:admin";
    /** A backfill reaches back at most this far: the story table is the source, and posts are rate-limited. */
    static final int MAX_BACKFILL_DAYS = 90;

    record Resumed(String accountId, int planned) {
    }

    record Backfill(String accountId, int days, int planned) {
    }

    record StoryPosts(String storyId, List<SocialAccounts.PostState> accounts) {
    }

    private final SocialAccounts accounts;

    SocialAdminController(SocialAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/accounts")
    @RequiresScope(SCOPE)
    List<SocialAccounts.AccountState> accounts() {
        return accounts.all();
    }

    @PostMapping("/accounts/{id}/resume")
    @RequiresScope(SCOPE)
    Resumed resume(@PathVariable String id) {
        return new Resumed(id, accounts.resume(id).orElseThrow(() -> unknownAccount(id)));
    }

    @PostMapping("/accounts/{id}/backfill")
    @RequiresScope(SCOPE)
    ResponseEntity<Backfill> backfill(@PathVariable String id, @RequestParam int days) {
        if (days < 1 || days > MAX_BACKFILL_DAYS) {
            throw problem(HttpStatus.BAD_REQUEST, "Invalid days", "days must be between 1 and " + MAX_BACKFILL_DAYS + ".");
        }
        int planned = accounts.backfill(id, days).orElseThrow(() -> unknownAccount(id));
        return ResponseEntity.accepted().body(new Backfill(id, days, planned));
    }

    @GetMapping("/stories/{storyId}")
    @RequiresScope(SCOPE)
    StoryPosts story(@PathVariable String storyId) {
        List<SocialAccounts.PostState> posts = accounts.story(storyId);
        if (posts.isEmpty()) {
            throw problem(HttpStatus.NOT_FOUND, "No social posts", "No account has a post of story " + storyId + ".");
        }
        return new StoryPosts(storyId, posts);
    }

    private static ErrorResponseException unknownAccount(String id) {
        return problem(HttpStatus.NOT_FOUND, "Unknown account", "No social account '" + id + "' is configured.");
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
