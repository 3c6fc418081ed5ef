-- Newsletter subscribers and the delivery ledger.

CREATE TABLE subscriber (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Stored lower-cased so that one mailbox is one subscriber, whatever case it was typed in.
    email        text        NOT NULL UNIQUE CHECK (email = lower(email)),
    status       text        NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed', 'bounced')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    confirmed_at timestamptz
);

-- The dispatcher walks confirmed subscribers in id order, one page at a time.
CREATE INDEX subscriber_confirmed_by_id ON subscriber (id) WHERE status = 'confirmed';

-- One row per subscriber and story. The primary key is what makes a story go to a subscriber at
-- most once across redeliveries and restarts: a row is claimed ('sending') before the email goes
-- out and marked 'sent' after the SMTP server accepted it.
CREATE TABLE newsletter_delivery (
    -- Erasing a subscriber erases their delivery history with them.
    subscriber_id uuid        NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    article_id    text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
    -- Deterministic per subscriber and story, so a resend after a crash is recognisable as the same message.
    message_id    text,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subscriber_id, article_id)
);
