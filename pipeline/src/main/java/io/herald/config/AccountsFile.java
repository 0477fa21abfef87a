package io.herald.config;

import java.util.List;
import java.util.Map;

/**
 * The accounts file ({@code config/accounts.yaml}, or {@code config/sandbox/accounts.yaml} in
 * sandbox mode). A credential is never literal: {@code tokenEnv} names an environment variable,
 * {@code tokenFile} a file (a mounted secret; a relative path is resolved against this file's
 * folder). Only sandbox files may carry a {@code sandboxToken},
 * the stand-ins' public demo token.
 */
public record AccountsFile(List<Entry> accounts) {

    public AccountsFile {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** One account. */
    public record Entry(
            String target, String baseUrl, String tokenEnv, String tokenFile, String sandboxToken,
            Map<String, String> settings) {}
}
