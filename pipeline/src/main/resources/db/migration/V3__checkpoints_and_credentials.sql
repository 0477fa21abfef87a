-- SPI v2: a publication is a sequence of steps, each recorded before the next (a retry resumes after
-- the last one); credentials a network rotates are kept here; an attempt whose outcome is unclear is
-- marked so that it is read back before anything is repeated.

CREATE TABLE delivery_checkpoint (
    post_id      VARCHAR(128)  NOT NULL,
    revision     INT           NOT NULL,
    target       VARCHAR(100)  NOT NULL,
    step         VARCHAR(64)   NOT NULL,
    position     INT           NOT NULL,
    data         VARCHAR(20000) NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (post_id, revision, target, step)
);

CREATE TABLE account_credential (
    target       VARCHAR(100)  NOT NULL,
    name         VARCHAR(64)   NOT NULL,
    secret       VARCHAR(20000) NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (target, name)
);

-- when the delivery's last attempt ended without a clear answer (null: it did not)
ALTER TABLE delivery ADD COLUMN unclear_since TIMESTAMP WITH TIME ZONE;
-- when its first attempt started: read-backs look for posts from then on
ALTER TABLE delivery ADD COLUMN first_attempt_at TIMESTAMP WITH TIME ZONE;
-- every part's receipt (remote id, URL, reply refs) as JSON, once published
ALTER TABLE delivery ADD COLUMN receipt VARCHAR(100000);
