-- Feeds ingest polls for a newsroom that cannot call the push API, and their polling state.
CREATE TABLE feed_source (
    id                    uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    url                   text        NOT NULL UNIQUE,
    poll_interval_seconds int         NOT NULL CHECK (poll_interval_seconds > 0),
    default_categories    text[]      NOT NULL DEFAULT '{}',
    created_at            timestamptz NOT NULL DEFAULT now(),
    etag                  text,
    last_modified         timestamptz,
    last_fetch_at         timestamptz,
    last_status           int,
    last_error            text,
    consecutive_errors    int         NOT NULL DEFAULT 0,
    next_fetch_at         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX feed_source_due ON feed_source (next_fetch_at);

-- Which article each item of a source became: items are matched by guid/id, else by canonical
-- link, so an item whose link changes stays the same article.
CREATE TABLE source_item (
    source_id  uuid NOT NULL REFERENCES feed_source (id) ON DELETE CASCADE,
    item_key   text NOT NULL,
    article_id uuid NOT NULL,
    PRIMARY KEY (source_id, item_key)
);
