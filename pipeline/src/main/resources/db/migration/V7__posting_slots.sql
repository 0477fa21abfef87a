-- Posting slots (the queue): the slot a queued delivery took, so that the next queued post of the account
-- takes the next free one. A slot is taken while its delivery waits, is under way or went out; a cancelled,
-- superseded or expired delivery frees it.
ALTER TABLE delivery ADD COLUMN slot_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX delivery_slot ON delivery (target, slot_at);

-- One row per account that ever queued a post: locked while a slot is chosen, so that two instances
-- ingesting at once never give one slot to two posts.
CREATE TABLE account_queue (
    target      VARCHAR(100) PRIMARY KEY,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
