package io.herald.connector.x;

import io.herald.connector.CredentialStore;

/** One account's calls in one attempt: its settings and the store of its rotated tokens. */
record XSession(String target, XConfig config, CredentialStore store) {
}
