package io.herald.sandbox.webhook;

import java.time.Instant;

/**
 * One line of the webhook receiver's journal: a delivery it accepted, by its {@code webhook-id}, with
 * the signed timestamp and the body as received (UTF-8).
 */
record WebhookEvent(String webhookId, long timestamp, String body, Instant receivedAt) {
}
