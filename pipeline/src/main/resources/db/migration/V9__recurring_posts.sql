-- Recurring posts (issue 8): one delivery row per (post, revision, target) holds the series' next
-- occurrence, so the delivery store stays the one record of what is due. When an occurrence ends
-- (published, failed, expired) its row is copied to delivery_occurrence and, in the same transaction,
-- moved on to the next occurrence whose window is still open (the ones passed over are recorded
-- EXPIRED). occurrence is 0 for a post that does not repeat.
ALTER TABLE delivery ADD COLUMN occurrence INT NOT NULL DEFAULT 0;
ALTER TABLE delivery ADD COLUMN repeat_every VARCHAR(40);
ALTER TABLE delivery ADD COLUMN repeat_first TIMESTAMP WITH TIME ZONE;
ALTER TABLE delivery ADD COLUMN repeat_zone VARCHAR(64);
ALTER TABLE delivery ADD COLUMN repeat_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE delivery ADD COLUMN repeat_count INT;
ALTER TABLE delivery ADD COLUMN repeat_expires_at TIMESTAMP WITH TIME ZONE;

-- Every occurrence of a recurring post that ended: what became of it, once.
CREATE TABLE delivery_occurrence (
    post_id         VARCHAR(128)  NOT NULL,
    revision        INT           NOT NULL,
    target          VARCHAR(100)  NOT NULL,
    occurrence      INT           NOT NULL,
    state           VARCHAR(20)   NOT NULL,
    publish_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts        INT           NOT NULL,
    remote_id       VARCHAR(200),
    remote_url      VARCHAR(2000),
    last_error      VARCHAR(2000),
    published_at    TIMESTAMP WITH TIME ZONE,
    ended_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_at      TIMESTAMP WITH TIME ZONE,       -- its last claim: an account's last release, for minInterval
    PRIMARY KEY (post_id, revision, target, occurrence)
);
CREATE INDEX delivery_occurrence_release ON delivery_occurrence (target, state, claimed_at);
