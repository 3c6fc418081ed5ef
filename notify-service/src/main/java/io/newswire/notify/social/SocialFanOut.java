package io.newswire.notify.social;

import io.newswire.events.Article;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Plans the social posts of the stories notify sees: one work record per account on {@value #TOPIC},
 * keyed by the account id and always on the same partition, so one account's posts are worked off
 * in order by one consumer, and the instances share the accounts through the topic's partitions
 * ({@link SocialWorkListener}). The partition is the account's place in the configured list, modulo
 * the partitions, not the key's hash: hashing put 10 accounts on only 6 of 12 partitions (4 of them
 * on one), and one consumer posts one partition's records one after another.
 * Planning returns once the broker acknowledged every record, so the article event's offset is
 * committed only after its work is on the topic; a crash in between plans it again, which the
 * ledger makes harmless.
 *
 * <p>A published story is planned for every enabled account whose filters it matches; an update
 * that changed the title, as edits of the posts that can be edited; a retraction, as deletes of the
 * posts that can be deleted.
 */
public class SocialFanOut {

    /** Internal to notify: posts, edits and deletes waiting to be done. Not compacted: every record is work. */
    static final String TOPIC = "newswire.social.work";

    private static final Logger log = LoggerFactory.getLogger(SocialFanOut.class);

    private final KafkaOperations<String, Object> kafka;
    private final SocialProperties properties;
    private final SocialLedger ledger;
    private final SocialChannels channels;
    private final Duration staleAfter;
    private final Clock clock;

    SocialFanOut(KafkaOperations<String, Object> kafka, SocialProperties properties, SocialLedger ledger,
            SocialChannels channels, Duration staleAfter, Clock clock) {
        this.kafka = kafka;
        this.properties = properties;
        this.ledger = ledger;
        this.channels = channels;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /**
     * Plans the posts of the story of a {@code published} event; not for an event older than the
     * newsletter's {@code stale-after} (a new consumer group reads the compacted topic from the start).
     *
     * @throws KafkaException when a record could not be written; the event is retried
     */
    public void storyPublished(Article article, Instant recordedAt) {
        if (recordedAt.isBefore(clock.instant().minus(staleAfter))) {
            log.info("Not posting article {}: its published event is from {}, older than {}", article.id(), recordedAt,
                    staleAfter);
            return;
        }
        List<SocialWork> work = properties.accounts().stream()
                .filter(SocialProperties.Account::enabled)
                .filter(account -> account.takes(article))
                .map(account -> new SocialWork(SocialWork.POST, article.id(), account.id()))
                .toList();
        send(work, article.id());
    }

    /** Plans edits of the story's posts whose title is not the new one, on networks that allow edits. */
    public void storyUpdated(Article article) {
        List<SocialWork> work = ledger.posted(article.id()).stream()
                .filter(entry -> entry.postId() != null && !Objects.equals(entry.titlePosted(), article.title()))
                .filter(entry -> properties.account(entry.accountId())
                        .filter(account -> account.enabled() && channels.canEdit(account.network())).isPresent())
                .map(entry -> new SocialWork(SocialWork.EDIT, article.id(), entry.accountId()))
                .toList();
        send(work, article.id());
    }

    /** Plans deletes of the story's posts, on networks that allow deletes; the others stay. */
    public void storyRetracted(Article article) {
        List<SocialWork> work = ledger.posted(article.id()).stream()
                .filter(entry -> entry.postId() != null)
                .filter(entry -> properties.account(entry.accountId())
                        .filter(account -> account.enabled() && channels.canDelete(account.network())).isPresent())
                .map(entry -> new SocialWork(SocialWork.DELETE, article.id(), entry.accountId()))
                .toList();
        send(work, article.id());
    }

    /** Plans the posts of these stories on one account (a resume, a backfill). */
    void plan(String accountId, List<String> storyIds) {
        List<SocialWork> work = new ArrayList<>(storyIds.size());
        storyIds.forEach(storyId -> work.add(new SocialWork(SocialWork.POST, storyId, accountId)));
        send(work, accountId);
    }

    /**
     * The account's partition: its place among the configured accounts, so that up to as many
     * accounts as partitions each have their own. Every instance has the same configuration, so the
     * same answer. An account no longer configured keeps the key's hash (its work is dropped anyway).
     * Changing the list (or the partitions) moves accounts, as a new partition count moves hashed
     * keys: posts already planned for a moved account may then be done beside the new ones, out of
     * order (each still claimed in the ledger first).
     */
    private Integer partition(String accountId, int partitions) {
        List<SocialProperties.Account> accounts = properties.accounts();
        for (int i = 0; i < accounts.size(); i++) {
            if (accounts.get(i).id().equals(accountId)) {
                return i % partitions;
            }
        }
        return null;
    }

    private void send(List<SocialWork> work, String about) {
        if (work.isEmpty()) {
            return;
        }
        int partitions = kafka.partitionsFor(TOPIC).size();
        List<CompletableFuture<?>> acks = work.stream()
                .<CompletableFuture<?>>map(item -> kafka.send(TOPIC, partition(item.accountId(), partitions), item.accountId(), item))
                .toList();
        try {
            // Bounded by the producer's delivery.timeout.ms, after which a send fails.
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while planning social work for " + about, ex);
        }
        catch (ExecutionException ex) {
            throw new KafkaException("Could not plan social work for " + about, ex.getCause());
        }
        log.info("Planned {} social {} record(s) for {}", work.size(), work.get(0).type(), about);
    }
}
