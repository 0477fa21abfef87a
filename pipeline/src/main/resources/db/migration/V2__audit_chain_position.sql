-- An event's place in its instance's hash chain (its "seq" on the audit topic), given when the event
-- is chained for the topic, not when it is written: transactions take outbox positions (audit_outbox.seq)
-- in one order and may commit in another, and the chain must follow the order in which events reach
-- the topic. Dense per instance (1, 2, 3, ...), so that a missing event is a visible gap.
ALTER TABLE audit_outbox ADD COLUMN chain_seq BIGINT;

-- Events chained before this column existed carry their outbox position as their seq.
UPDATE audit_outbox SET chain_seq = seq WHERE hash IS NOT NULL;

CREATE UNIQUE INDEX audit_outbox_chain ON audit_outbox (instance, chain_seq);
