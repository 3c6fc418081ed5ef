-- Preferences, the stories the newsletter knows, digests, and a richer delivery ledger.

-- What a subscriber asked for. No topics means every story; frequency says whether each story
-- is mailed on its own or gathered into a daily or weekly digest.
ALTER TABLE subscriber
    ADD COLUMN topics               text[]      NOT NULL DEFAULT '{}',
    ADD COLUMN frequency            text        NOT NULL DEFAULT 'each'
                                    CHECK (frequency IN ('each', 'daily', 'weekly')),
    -- A confirmation email goes out at most once per 10 minutes per address.
    ADD COLUMN confirmation_sent_at timestamptz,
    ADD COLUMN updated_at           timestamptz NOT NULL DEFAULT now();

-- The fan-out walks confirmed subscribers of one frequency in id order, one id range at a time.
DROP INDEX subscriber_confirmed_by_id;
CREATE INDEX subscriber_confirmed_by_frequency_and_id ON subscriber (frequency, id) WHERE status = 'confirmed';
-- Unconfirmed signups expire; the sweep finds them by age.
CREATE INDEX subscriber_pending_by_created_at ON subscriber (created_at) WHERE status = 'pending';

-- The latest snapshot of every story notify has seen (from newswire.articles): what digests are
-- made of, and how a fan-out in progress learns that its story was retracted.
CREATE TABLE story (
    id           text        PRIMARY KEY,
    version      bigint      NOT NULL,
    -- The event's article JSON, as the contract (article.schema.json) defines it.
    snapshot     jsonb       NOT NULL,
    -- Lower-cased, for matching against subscribers' topics (also lower-cased).
    categories   text[]      NOT NULL DEFAULT '{}',
    published_at timestamptz NOT NULL,
    retracted_at timestamptz
);
CREATE INDEX story_by_published_at ON story (published_at) WHERE retracted_at IS NULL;

-- Deliveries now say why they stopped: 'deferred' (the server said try later, 4xx), 'bounced'
-- (the server refused the address for good, 5xx) and 'failed' (given up after the retry budget).
ALTER TABLE newsletter_delivery DROP CONSTRAINT newsletter_delivery_status_check;
ALTER TABLE newsletter_delivery
    ADD CONSTRAINT newsletter_delivery_status_check
        CHECK (status IN ('sending', 'deferred', 'sent', 'failed', 'bounced')),
    ADD COLUMN attempts int NOT NULL DEFAULT 0;
-- Delivery counts per story for the admin API.
CREATE INDEX newsletter_delivery_by_article ON newsletter_delivery (article_id, status);

-- One row per digest period: whoever inserts it first (any instance) plans its fan-out, and a
-- row not yet marked dispatched is planned again, so a crash between the two loses no digest.
CREATE TABLE digest_run (
    id            text        PRIMARY KEY,   -- e.g. daily/2026-11-29T07:00:00Z
    frequency     text        NOT NULL CHECK (frequency IN ('daily', 'weekly')),
    period_start  timestamptz NOT NULL,
    period_end    timestamptz NOT NULL,
    dispatched_at timestamptz
);

-- The digest ledger: one digest email per subscriber and period, with the same states as above.
CREATE TABLE digest_delivery (
    subscriber_id uuid        NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    digest_id     text        NOT NULL REFERENCES digest_run (id),
    status        text        NOT NULL CHECK (status IN ('sending', 'deferred', 'sent', 'failed', 'bounced')),
    message_id    text,
    attempts      int         NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subscriber_id, digest_id)
);
