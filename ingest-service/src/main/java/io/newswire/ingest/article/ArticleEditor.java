package io.newswire.ingest.article;

import io.newswire.apikeys.ApiClient;
import io.newswire.events.Article;
import io.newswire.events.ArticleEventType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every change to an article goes through here, and each becomes at most one event: a new
 * article is published, a changed one updated, a withdrawn one retracted, and a request that
 * changes nothing publishes nothing and answers with the original result.
 *
 * <p>One transaction per write holds an advisory lock on the article (so concurrent writers,
 * on any instance, take turns), decides the next version, waits for the broker to acknowledge the
 * event and only then stores the new state and the Idempotency-Key's answer. The broker's
 * acknowledgement comes first: if the commit then fails, the state converges from the topic
 * ({@link ArticleStateListener}) and the client's retry is answered as unchanged.
 */
public class ArticleEditor {

    private final ArticleAssembler assembler;
    private final ArticleStates states;
    private final IdempotencyKeys keys;
    private final ArticleEventPublisher publisher;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    ArticleEditor(ArticleAssembler assembler, ArticleStates states, IdempotencyKeys keys, ArticleEventPublisher publisher,
            TransactionTemplate transaction, JsonMapper json) {
        this.assembler = assembler;
        this.states = states;
        this.keys = keys;
        this.publisher = publisher;
        this.transaction = transaction;
        this.json = json;
    }

    /** Publishes a story, or updates it if its canonical URL is already known. */
    public WriteResult publish(ApiClient client, String idempotencyKey, ArticleSubmission submission) {
        URI url = assembler.canonicalUrl(submission.url());
        String id = ArticleAssembler.idFor(url);
        return write(client, idempotencyKey, () -> requestHash("POST", id, submission), id, current -> {
            Article content = assembler.content(submission, id, url, publishedAt(submission, current));
            String hash = contentHash(content);
            if (current.isPresent() && !current.get().retracted() && current.get().contentHash().equals(hash)) {
                return unchanged(current.get());
            }
            ArticleEventType type = current.isEmpty() || current.get().retracted()
                    ? ArticleEventType.PUBLISHED : ArticleEventType.UPDATED;
            return publishNew(type, content, nextVersion(current, submission.version()), hash, false);
        });
    }

    /** Replaces the article's content; the id stays even if the URL changes. */
    public WriteResult update(ApiClient client, String idempotencyKey, String id, String ifMatch, ArticleSubmission submission) {
        return write(client, idempotencyKey, () -> requestHash("PUT " + ifMatch, id, submission), id, found -> {
            StoredArticle current = found.orElseThrow(() -> ArticleProblems.notFound(id));
            checkIfMatch(current, ifMatch);
            if (current.retracted()) {
                throw ArticleProblems.retracted(id, current.article().version());
            }
            Article content = assembler.content(submission, id, assembler.canonicalUrl(submission.url()),
                    publishedAt(submission, found));
            String hash = contentHash(content);
            if (current.contentHash().equals(hash)) {
                return unchanged(current);
            }
            return publishNew(ArticleEventType.UPDATED, content, nextVersion(found, submission.version()), hash, false);
        });
    }

    /** Withdraws the article: it must leave every feed, and nothing more is sent for it. */
    WriteResult retract(ApiClient client, String idempotencyKey, String id, String ifMatch) {
        return write(client, idempotencyKey, () -> requestHash("DELETE " + ifMatch, id, null), id, found -> {
            StoredArticle current = found.orElseThrow(() -> ArticleProblems.notFound(id));
            checkIfMatch(current, ifMatch);
            if (current.retracted()) {
                return unchanged(current);
            }
            return publishNew(ArticleEventType.RETRACTED, current.article(), current.article().version() + 1,
                    current.contentHash(), true);
        });
    }

    Optional<StoredArticle> find(String id) {
        return states.find(id);
    }

    /** The request's hash is computed only for a request with an Idempotency-Key, the only one that needs it. */
    private WriteResult write(ApiClient client, String idempotencyKey, Supplier<String> requestHashOf, String id,
            Function<Optional<StoredArticle>, WriteResult> change) {
        return transaction.execute(status -> {
            String requestHash = null;
            if (idempotencyKey != null) {
                requestHash = requestHashOf.get();
                Optional<IdempotencyKeys.Remembered> remembered = keys.lockAndFind(client.name(), idempotencyKey);
                if (remembered.isPresent()) {
                    if (!remembered.get().requestHash().equals(requestHash)) {
                        throw ArticleProblems.idempotencyKeyReused();
                    }
                    return remembered.get().result();
                }
            }
            WriteResult result = change.apply(states.lockAndFind(id));
            if (idempotencyKey != null) {
                keys.remember(client.name(), idempotencyKey, requestHash, result);
            }
            return result;
        });
    }

    private WriteResult publishNew(ArticleEventType type, Article content, long version, String hash, boolean retracted) {
        Article article = new Article(content.id(), version, content.url(), content.title(), content.summary(),
                content.contentHtml(), content.authors(), content.categories(), content.tags(), content.language(),
                content.publishedAt(), assembler.now(), content.leadImage());
        ArticleEventPublisher.Published published = publisher.publish(type, article);
        states.save(new StoredArticle(article, retracted, hash, published.eventId(), type.ceType()),
                new String(published.json(), StandardCharsets.UTF_8));
        return new WriteResult(WriteResult.PUBLISHED,
                new ArticleAccepted(article.id(), version, type.ceType(), published.eventId(), article.url()));
    }

    private static WriteResult unchanged(StoredArticle current) {
        Article article = current.article();
        return new WriteResult(WriteResult.UNCHANGED, new ArticleAccepted(article.id(), article.version(),
                current.lastEventType(), current.lastEventId(), article.url()));
    }

    private Instant publishedAt(ArticleSubmission submission, Optional<StoredArticle> current) {
        if (submission.publishedAt() != null) {
            return submission.publishedAt();
        }
        return current.map(c -> c.article().publishedAt()).orElseGet(assembler::now);
    }

    /** Versions only grow: a client may name the next one (its CMS revision), never an older one. */
    private static long nextVersion(Optional<StoredArticle> current, Long requested) {
        long next = current.map(c -> c.article().version() + 1).orElse(1L);
        if (requested == null) {
            return next;
        }
        if (current.isPresent() && requested <= current.get().article().version()) {
            throw ArticleProblems.staleVersion(current.get().article().version(), requested);
        }
        return requested;
    }

    private static void checkIfMatch(StoredArticle current, String ifMatch) {
        if (ifMatch == null || ifMatch.strip().equals("*")) {
            return;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
            throw ArticleProblems.badIfMatch(ifMatch);
        }
        if (!tag.substring(1, tag.length() - 1).equals(String.valueOf(current.article().version()))) {
            throw ArticleProblems.staleIfMatch(current.article().version(), ifMatch);
        }
    }

    private String contentHash(Article content) {
        return contentHashOf(json, content);
    }

    private String requestHash(String operation, String id, ArticleSubmission submission) {
        return sha256(operation + "\n" + id + "\n" + (submission == null ? "" : json.writeValueAsString(submission)));
    }

    /** The hash of everything a reader sees, not of the version or the time of the change. */
    static String contentHashOf(JsonMapper json, Article article) {
        Article normalized = new Article(article.id(), 0, article.url(), article.title(), article.summary(),
                article.contentHtml(), article.authors(), article.categories(), article.tags(), article.language(),
                article.publishedAt(), Instant.EPOCH, article.leadImage());
        return sha256(json.writeValueAsString(normalized));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", ex);
        }
    }
}
