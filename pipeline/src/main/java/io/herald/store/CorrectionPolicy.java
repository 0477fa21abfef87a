package io.herald.store;

import java.util.Locale;

/**
 * What a new revision of a post already published to an account does there (the account's
 * {@code corrections} in the accounts file, DESIGN.md section 7). The gate and the approval check
 * every revision as they check a new post, whatever the policy.
 */
public enum CorrectionPolicy {
    /** Nothing changes on the network: the revision is REFUSED, naming the published remote id (the default). */
    REFUSE,
    /** The published post is changed in place, where the network's API can edit (Mastodon); refused elsewhere. */
    EDIT,
    /** The published post is taken down, then the new revision is published: once, after every part is gone. */
    REPLACE;

    /** The policy an accounts file names ({@code edit}, {@code replace}, {@code refuse}); a one-line error otherwise. */
    public static CorrectionPolicy parse(String where, String text) {
        if (text == null) {
            return REFUSE;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".corrections must be edit, replace or refuse, but was '" + text + "'");
        }
    }

    /** How the store learns each account's policy and what its network can do. */
    public interface Rules {
        /** The account's policy. */
        CorrectionPolicy policy(String target);

        /** Whether the account's network can edit a published post in place. */
        boolean canEdit(String target);

        /** Refuse everywhere (Herald before corrections, and tests). */
        Rules REFUSE_ALL = new Rules() {
            @Override
            public CorrectionPolicy policy(String target) {
                return REFUSE;
            }

            @Override
            public boolean canEdit(String target) {
                return false;
            }
        };
    }
}
