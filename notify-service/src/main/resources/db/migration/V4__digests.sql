-- Digest runs are sent by one instance at a time. Every instance ticks, and any of them may take a
-- run up; the lease says who is sending it and until when. The holder renews the lease after each
-- page of subscribers and records how far it got, so that when it dies another instance takes over
-- after the lease runs out and goes on from there (the ledger, digest_delivery, skips anyone
-- already mailed either way).
ALTER TABLE digest_run
    ADD COLUMN leased_until timestamptz,
    -- Random per taking-up: a holder whose lease ran out and was taken over cannot renew it.
    ADD COLUMN lease_holder uuid,
    -- The last subscriber id of the last page done; null until the first page is.
    ADD COLUMN resume_after uuid,
    ADD COLUMN planned_at   timestamptz NOT NULL DEFAULT now();

-- Every tick looks for runs not yet dispatched.
CREATE INDEX digest_run_undispatched ON digest_run (frequency, period_end) WHERE dispatched_at IS NULL;

-- Every tick looks for deliveries to try again: deferred (4xx), or claimed and never marked.
CREATE INDEX digest_delivery_to_retry ON digest_delivery (digest_id, subscriber_id) WHERE status IN ('deferred', 'sending');
