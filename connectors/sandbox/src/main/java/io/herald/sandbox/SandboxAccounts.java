package io.herald.sandbox;

/**
 * The fixed accounts of the stand-ins. Every platform has an account {@code demo}; its token is
 * {@code sandbox-<platform>-demo}. These credentials are valid on the local sandbox only.
 */
public final class SandboxAccounts {

    /** The account name every platform's stand-in has. */
    public static final String DEMO = "demo";

    /** The Mastodon stand-in's access token for {@code mastodon:demo}. */
    public static final String MASTODON_DEMO_TOKEN = "sandbox-mastodon-demo";

    /** The Mastodon stand-in's account id of {@code demo}. */
    public static final String MASTODON_DEMO_ID = "1";

    private SandboxAccounts() {
    }

    /** The sandbox-only token of {@code account} on {@code platform}: {@code sandbox-<platform>-<account>}. */
    public static String token(String platform, String account) {
        return "sandbox-" + platform + "-" + account;
    }
}
