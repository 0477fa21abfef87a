package io.herald.sandbox.webhook;

import io.herald.sandbox.standin.StandIn;
import io.herald.sandbox.standin.StandInContext;
import io.herald.sandbox.standin.StandInProvider;

/** Registers the webhook receiver stand-in. */
public final class WebhookReceiverProvider implements StandInProvider {

    @Override
    public String platform() {
        return WebhookReceiver.PLATFORM;
    }

    @Override
    public StandIn create(StandInContext context) {
        return new WebhookReceiver(context);
    }
}
