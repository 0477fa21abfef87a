package io.herald.config;

import io.herald.connector.Account;
import io.herald.connector.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The configured accounts by target ({@code platform:name}), with their credentials resolved. */
public final class AccountRegistry {

    private static final Pattern TARGET = Pattern.compile("[a-z][a-z0-9-]{0,31}:[A-Za-z0-9._-]{1,64}");
    /** In the sandbox accounts file, stands for the stand-ins' address, e.g. {@code http://127.0.0.1:8089}. */
    public static final String SANDBOX_PLACEHOLDER = "{sandbox}";

    private final Map<String, Account> byTarget;

    public AccountRegistry(Map<String, Account> byTarget) {
        this.byTarget = Map.copyOf(byTarget);
    }

    /**
     * Loads an accounts file. A missing file is a mistake, named: Herald would have nowhere to
     * publish, and "no accounts" must not look like a healthy start.
     *
     * @param sandboxBase in sandbox mode the stand-ins' address, which replaces {@code {sandbox}} in
     *     base URLs, and allows literal {@code sandboxToken}s; null otherwise
     * @param platformKnown whether a connector serves a platform
     */
    public static AccountRegistry load(Path file, String sandboxBase, Map<String, String> env, Predicate<String> platformKnown,
            String platformsHint) {
        boolean sandbox = sandboxBase != null;
        if (!Files.exists(file)) {
            throw new ConfigException(file + ": no such file; it lists the accounts Herald publishes to"
                    + (sandbox ? " in sandbox mode" : "") + " (see config/accounts.yaml in Herald's home for its form)");
        }
        AccountsFile parsed = ConfigLoader.read(file, AccountsFile.class);
        Map<String, Account> out = new LinkedHashMap<>();
        for (int i = 0; i < parsed.accounts().size(); i++) {
            AccountsFile.Entry e = parsed.accounts().get(i);
            String key = "accounts[" + i + "]";
            if (e.target() == null || !TARGET.matcher(e.target()).matches()) {
                throw new ConfigException(file + ": " + key + ".target must look like platform:name, but was '" + e.target() + "'");
            }
            String platform = e.target().substring(0, e.target().indexOf(':'));
            String name = e.target().substring(e.target().indexOf(':') + 1);
            if (!platformKnown.test(platform)) {
                throw new ConfigException(file + ": " + key + ".target: no connector for platform '" + platform
                        + "'; available: " + platformsHint);
            }
            URI base;
            try {
                String url = e.baseUrl() == null ? "" : e.baseUrl();
                base = URI.create(sandbox ? url.replace(SANDBOX_PLACEHOLDER, sandboxBase) : url);
                if (base.getHost() == null || !("https".equalsIgnoreCase(base.getScheme()) || "http".equalsIgnoreCase(base.getScheme()))) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(file + ": " + key + ".baseUrl must be an http(s) URL, but was '" + e.baseUrl() + "'");
            }
            // from here on the messages name the account too: "accounts[3]" alone is hard to find
            Secret token = credential(file, key + " (" + e.target() + ")", e, sandbox, env);
            if (out.put(e.target(), new Account(platform, name, base, token, e.settings())) != null) {
                throw new ConfigException(file + ": " + key + ".target '" + e.target() + "' is configured twice");
            }
        }
        return new AccountRegistry(out);
    }

    private static Secret credential(Path file, String key, AccountsFile.Entry e, boolean sandbox, Map<String, String> env) {
        int given = (e.tokenEnv() != null ? 1 : 0) + (e.tokenFile() != null ? 1 : 0) + (e.sandboxToken() != null ? 1 : 0);
        if (given != 1) {
            throw new ConfigException(file + ": " + key + " needs exactly one of tokenEnv, tokenFile"
                    + (sandbox ? ", sandboxToken" : ""));
        }
        if (e.sandboxToken() != null) {
            if (!sandbox) {
                throw new ConfigException(file + ": " + key + ".sandboxToken is allowed only in the sandbox accounts file;"
                        + " use tokenEnv or tokenFile");
            }
            return Secret.of(e.sandboxToken());
        }
        if (e.tokenEnv() != null) {
            String v = env.get(e.tokenEnv());
            if (v == null || v.isBlank()) {
                throw new ConfigException(file + ": " + key + ".tokenEnv: environment variable " + e.tokenEnv() + " is not set");
            }
            return Secret.of(v.trim());
        }
        // a relative tokenFile is next to the accounts file, as paths in herald.yaml are next to it
        Path tokenFile = file.toAbsolutePath().getParent().resolve(e.tokenFile());
        String token;
        try {
            token = Files.readString(tokenFile).trim();
        } catch (IOException ex) {
            throw new ConfigException(file + ": " + key + ".tokenFile: cannot read " + tokenFile);
        }
        if (token.isEmpty()) {
            throw new ConfigException(file + ": " + key + ".tokenFile: " + tokenFile + " is empty");
        }
        return Secret.of(token);
    }

    /**
     * The targets an accounts file names, without resolving any credential: what a client command
     * ({@code submit}, {@code preview}) needs to check a post's targets on a machine without the
     * secrets. A missing file names none.
     */
    public static Set<String> targetsIn(Path file) {
        if (!Files.exists(file)) {
            return Set.of();
        }
        Set<String> out = new java.util.TreeSet<>();
        for (AccountsFile.Entry e : ConfigLoader.read(file, AccountsFile.class).accounts()) {
            if (e.target() != null) {
                out.add(e.target());
            }
        }
        return out;
    }

    public Optional<Account> get(String target) {
        return Optional.ofNullable(byTarget.get(target));
    }

    public boolean has(String target) {
        return byTarget.containsKey(target);
    }

    public Set<String> targets() {
        return byTarget.keySet();
    }

    public String targetsHint() {
        return byTarget.isEmpty() ? "none (see config/accounts.yaml)" : String.join(", ", new java.util.TreeSet<>(byTarget.keySet()));
    }
}
