-- Corrections and retraction (issue 13): a published delivery is taken down (retract, or the
-- replace policy) or changed in place (the edit policy) by one correction row, worked through by
-- the corrections worker with retries, a lease and per-part checkpoints (delivery_checkpoint steps
-- deleted-N), so that an interrupted takedown resumes without asking again for a part already gone.
CREATE TABLE correction (
    post_id            VARCHAR(128)  NOT NULL,
    revision           INT           NOT NULL,   -- the published revision acted on
    target             VARCHAR(100)  NOT NULL,
    kind               VARCHAR(10)   NOT NULL,   -- RETRACT or EDIT
    state              VARCHAR(20)   NOT NULL,   -- PENDING, RETRY, IN_FLIGHT, DONE, BY_HAND, FAILED, CANCELLED
    successor_revision INT,                      -- EDIT: the revision edited in; RETRACT under replace: published once gone
    attempts           INT           NOT NULL DEFAULT 0,
    next_attempt_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by         VARCHAR(100),
    lease_until        TIMESTAMP WITH TIME ZONE,
    requested_by       VARCHAR(100)  NOT NULL,
    reason             VARCHAR(500)  NOT NULL,
    source_topic       VARCHAR(249),             -- the control record that asked for it, so the person's command finds its answers
    source_partition   INT,
    source_offset      BIGINT,
    last_error         VARCHAR(2000),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (post_id, revision, target, kind)
);
CREATE INDEX correction_due ON correction (state, next_attempt_at);

-- when a delivery was published, for a bulk takedown of what an account published since a time
ALTER TABLE delivery ADD COLUMN published_at TIMESTAMP WITH TIME ZONE;
