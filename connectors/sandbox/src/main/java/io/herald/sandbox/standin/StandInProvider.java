package io.herald.sandbox.standin;

/**
 * Registered in {@code META-INF/services/io.herald.sandbox.standin.StandInProvider} for every
 * stand-in and found with {@link java.util.ServiceLoader}, as connectors are.
 */
public interface StandInProvider {

    /** The platform the stand-in serves; must equal {@code create(..).platform()}. */
    String platform();

    StandIn create(StandInContext context);
}
