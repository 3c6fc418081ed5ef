-- The latest state ingest knows of each article. The topic is the truth (202 only after the
-- broker's acknowledgement); this table is how ingest decides the next version, spots a change
-- that changes nothing, and answers GET. ArticleStateListener keeps it converged with the topic.
CREATE TABLE article (
    id              uuid        PRIMARY KEY,
    version         bigint      NOT NULL CHECK (version >= 1),
    retracted       boolean     NOT NULL DEFAULT false,
    content_hash    text        NOT NULL,
    snapshot        jsonb       NOT NULL,
    last_event_id   text        NOT NULL,
    last_event_type text        NOT NULL,
    updated_at      timestamptz NOT NULL
);

-- Idempotency-Key replays: a repeated request with the same key gets the original answer.
-- Scoped per API client, so two clients can never collide or read each other's answers.
CREATE TABLE idempotency_key (
    client       text        NOT NULL,
    key          text        NOT NULL,
    request_hash text        NOT NULL,
    status       int         NOT NULL,
    body         text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client, key)
);

CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
