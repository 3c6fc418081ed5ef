package io.newswire.notify.digest;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The digest periods ({@code digest_run}): a period is planned once, whichever instance gets there
 * first, and stays pending until one instance has walked every subscriber for it. Only one
 * instance walks a run at a time: it takes the run's lease, renews it after each page (recording
 * how far it got) and gives it up when done or failed. Lease times are the database's clock, the
 * one clock every instance shares.
 */
class DigestRuns {

    /** Where a walk starts: below every subscriber id (they are random UUIDs, never the nil one). */
    static final UUID START = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final Duration lease;

    DigestRuns(JdbcClient jdbc, Duration lease) {
        this.jdbc = jdbc;
        this.lease = lease;
    }

    /** Records the period as due; planning it again (another instance, the next tick) changes nothing. */
    void plan(DigestPeriod period) {
        jdbc.sql("""
                INSERT INTO digest_run (id, frequency, period_start, period_end)
                VALUES (:id, :frequency, :start, :end)
                ON CONFLICT (id) DO NOTHING""")
                .param("id", period.id())
                .param("frequency", period.frequency().value())
                .param("start", Timestamp.from(period.start()))
                .param("end", Timestamp.from(period.end()))
                .update();
    }

    /** Runs of this frequency not yet sent to everyone, oldest first: the current one, or one a crash left behind. */
    List<DigestPeriod> undispatched(DigestFrequency frequency) {
        return jdbc.sql("""
                SELECT frequency, period_start, period_end FROM digest_run
                WHERE frequency = :frequency AND dispatched_at IS NULL
                ORDER BY period_end""")
                .param("frequency", frequency.value())
                .query((rs, row) -> new DigestPeriod(DigestFrequency.of(rs.getString("frequency")),
                        rs.getTimestamp("period_start").toInstant(), rs.getTimestamp("period_end").toInstant()))
                .list();
    }

    Optional<DigestPeriod> find(String id) {
        return jdbc.sql("SELECT frequency, period_start, period_end FROM digest_run WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> new DigestPeriod(DigestFrequency.of(rs.getString("frequency")),
                        rs.getTimestamp("period_start").toInstant(), rs.getTimestamp("period_end").toInstant()))
                .optional();
    }

    /**
     * Takes the run's lease, if the run still needs sending and no other instance holds it.
     * Empty when it is done or held; otherwise where the walk should resume.
     */
    Optional<Lease> take(DigestPeriod period) {
        UUID holder = UUID.randomUUID();
        return jdbc.sql("""
                UPDATE digest_run SET leased_until = now() + make_interval(secs => :seconds), lease_holder = :holder
                WHERE id = :id AND dispatched_at IS NULL AND (leased_until IS NULL OR leased_until < now())
                RETURNING resume_after""")
                .param("seconds", lease.toSeconds())
                .param("holder", holder)
                .param("id", period.id())
                .query((rs, row) -> {
                    UUID resumeAfter = rs.getObject("resume_after", UUID.class);
                    return new Lease(period, holder, resumeAfter == null ? START : resumeAfter);
                })
                .optional();
    }

    /**
     * Extends the lease after a page and records that every subscriber up to {@code doneUpTo} is
     * done. False when the lease was lost (it ran out and another instance took the run over):
     * the walk must stop.
     */
    boolean renew(Lease held, UUID doneUpTo) {
        return jdbc.sql("""
                UPDATE digest_run SET leased_until = now() + make_interval(secs => :seconds), resume_after = :doneUpTo
                WHERE id = :id AND lease_holder = :holder AND dispatched_at IS NULL""")
                .param("seconds", lease.toSeconds())
                .param("doneUpTo", doneUpTo)
                .param("id", held.period().id())
                .param("holder", held.holder())
                .update() == 1;
    }

    /** Every subscriber has been walked: the run is done, whatever deliveries are still to be retried. */
    boolean dispatched(Lease held) {
        return jdbc.sql("""
                UPDATE digest_run SET dispatched_at = now(), leased_until = NULL
                WHERE id = :id AND lease_holder = :holder AND dispatched_at IS NULL""")
                .param("id", held.period().id())
                .param("holder", held.holder())
                .update() == 1;
    }

    /** Gives the lease up early (the walk failed), so the next tick of any instance can resume at once. */
    void release(Lease held) {
        jdbc.sql("UPDATE digest_run SET leased_until = NULL WHERE id = :id AND lease_holder = :holder")
                .param("id", held.period().id())
                .param("holder", held.holder())
                .update();
    }

    /** A held lease: the run, who holds it (this taking-up), and the subscriber id to resume after. */
    record Lease(DigestPeriod period, UUID holder, UUID resumeAfter) {
    }
}
