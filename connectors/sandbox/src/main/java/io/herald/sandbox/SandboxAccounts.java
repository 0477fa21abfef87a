package io.herald.sandbox;

import java.net.URI;
import java.util.List;

/**
 * The fixed accounts of the stand-ins. Every platform has an account {@code demo}; its token is
 * {@code sandbox-<platform>-demo}. These credentials are valid on the local sandbox only.
 */
public final class SandboxAccounts {

    /** The account name every platform's stand-in has. */
    public static final String DEMO = "demo";

    /** The platforms the built-in stand-ins serve, each under {@code /<platform>}. */
    public static final List<String> PLATFORMS = io.herald.sandbox.standin.StandIns.platforms();

    /** The Mastodon stand-in's access token for {@code mastodon:demo}. */
    public static final String MASTODON_DEMO_TOKEN = "sandbox-mastodon-demo";

    /** The Mastodon stand-in's account id of {@code demo}. */
    public static final String MASTODON_DEMO_ID = "1";

    /** The LinkedIn stand-in's access token for {@code linkedin:demo}. */
    public static final String LINKEDIN_DEMO_TOKEN = "sandbox-linkedin-demo";

    /** The organization (company page) {@code linkedin:demo} posts as. */
    public static final String LINKEDIN_DEMO_ORGANIZATION = "urn:li:organization:1000001";

    /** The member behind {@code linkedin:demo}'s token, an administrator of its organization. */
    public static final String LINKEDIN_DEMO_MEMBER = "urn:li:person:sandboxdemo";

    /** The Facebook stand-in's Page access token for {@code facebook:demo}. */
    public static final String FACEBOOK_DEMO_TOKEN = "sandbox-facebook-demo";

    /** The id of the Page {@code facebook:demo} posts to. */
    public static final String FACEBOOK_DEMO_PAGE_ID = "100000000000001";

    /** The Facebook stand-in's app access token, which {@code debug_token} takes. */
    public static final String FACEBOOK_APP_TOKEN = "sandbox-facebook-app";
    /** The Instagram stand-in's access token for {@code instagram:demo}. */
    public static final String INSTAGRAM_DEMO_TOKEN = "sandbox-instagram-demo";

    /** The Instagram stand-in's IG User id of {@code demo}. */
    public static final String INSTAGRAM_DEMO_USER_ID = "17841400000000001";

    /** The Instagram stand-in's app token ({@code app-id|app-secret}), for {@code debug_token} only. */
    public static final String INSTAGRAM_APP_TOKEN = "100000000000001|sandbox-instagram-app-secret";

    /** The Threads stand-in's access token for {@code threads:demo}. */
    public static final String THREADS_DEMO_TOKEN = "sandbox-threads-demo";

    /** The Threads stand-in's Threads user id of {@code demo}. */
    public static final String THREADS_DEMO_USER_ID = "27000000000000001";

    /** The X stand-in's access token for {@code x:demo}; it never expires (tokens it issues live 2 hours). */
    public static final String X_DEMO_TOKEN = "sandbox-x-demo";

    /** The X stand-in's refresh token for {@code x:demo}; accepted every time (those it issues work once). */
    public static final String X_DEMO_REFRESH_TOKEN = "sandbox-x-demo-refresh";

    /** The OAuth 2.0 client id of the X stand-in's demo app. */
    public static final String X_DEMO_CLIENT_ID = "sandbox-x-client";

    /** The X stand-in's user id of {@code demo}. */
    public static final String X_DEMO_USER_ID = "1500000000000000001";

    /**
     * The signing secret the webhook receiver stand-in shares with {@code webhook:demo}, in the Standard
     * Webhooks format ({@code whsec_} and the base64 of 32 bytes). Valid on the sandbox only.
     */
    public static final String WEBHOOK_DEMO_SECRET = "whsec_VvZouLccg2ekoys2JUXfqJDO55RD6LGZqB5Z8teEiAA=";
    /** The Bluesky stand-in's handle of {@code bluesky:demo}. */
    public static final String BLUESKY_DEMO_HANDLE = "demo.herald.test";

    /** The Bluesky stand-in's app password of {@code bluesky:demo} (its sandbox token). */
    public static final String BLUESKY_DEMO_PASSWORD = "sandbox-bluesky-demo";

    private SandboxAccounts() {
    }

    /** The sandbox-only token of {@code account} on {@code platform}: {@code sandbox-<platform>-<account>}. */
    public static String token(String platform, String account) {
        return "sandbox-" + platform + "-" + account;
    }

    /**
     * The {@code demo} account of every platform, for a sandbox whose root is {@code sandboxRoot}
     * (e.g. {@code http://127.0.0.1:8089}, see {@link SandboxServer#baseUri()}).
     */
    public static List<SandboxAccount> demoAccounts(URI sandboxRoot) {
        String root = sandboxRoot.toString().replaceAll("/+$", "");
        return PLATFORMS.stream()
                .map(p -> new SandboxAccount(p, DEMO, URI.create(root + "/" + p), token(p, DEMO)))
                .toList();
    }
}
