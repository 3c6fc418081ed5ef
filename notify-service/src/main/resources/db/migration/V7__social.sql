-- The social ledger: one row per story and account, the reason a story is posted on an account
-- exactly once in effect. A post is claimed ('posting') before the platform is called and marked
-- after: 'posted' (post_id and post_url say where), 'held' (the account is paused, its post waits
-- for the resume), 'failed' (refused, or given up after the retries; error says why), 'skipped'
-- (retracted before it went out), 'deleted' (retracted after, and removed from the platform).
CREATE TABLE social_post (
    story_id     text        NOT NULL,
    account_id   text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('posting', 'posted', 'held', 'failed', 'deleted', 'skipped')),
    post_id      text,
    post_url     text,
    -- What the platform said, never a credential.
    error        text,
    -- Calls to the platform for this post (retries included).
    attempts     int         NOT NULL DEFAULT 0,
    -- The headline the post carries, so an update with a new title knows to edit it.
    title_posted text,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (story_id, account_id)
);
-- A paused account's held posts, re-planned on resume; an account's posts for the status API.
CREATE INDEX social_post_by_account ON social_post (account_id, status);

-- Accounts paused because the platform refused their credentials (401/403); no row: active.
CREATE TABLE social_account (
    account_id text        PRIMARY KEY,
    paused_at  timestamptz NOT NULL,
    reason     text        NOT NULL
);
