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
    private final Map<String, AccountSchedule> schedules;
    private Map<String, io.herald.store.CorrectionPolicy> corrections = Map.of();

    public AccountRegistry(Map<String, Account> byTarget) {
        this(byTarget, Map.of());
    }

    public AccountRegistry(Map<String, Account> byTarget, Map<String, AccountSchedule> schedules) {
        this.byTarget = Map.copyOf(byTarget);
        this.schedules = Map.copyOf(schedules);
    }

    /** What a new revision of a post already published to the account does there (refuse unless configured). */
    public io.herald.store.CorrectionPolicy corrections(String target) {
        return corrections.getOrDefault(target, io.herald.store.CorrectionPolicy.REFUSE);
    }

    /** The same accounts with these corrections policies. */
    public AccountRegistry withCorrections(Map<String, io.herald.store.CorrectionPolicy> policies) {
        AccountRegistry r = new AccountRegistry(byTarget, schedules);
        r.corrections = Map.copyOf(policies);
        return r;
    }

    /** How an account's posts are timed: its zone, slots, quiet hours, pacing and limits. */
    public AccountSchedule schedule(String target) {
        return schedules.getOrDefault(target, AccountSchedule.none());
    }

    /**
     * Only the schedules of an accounts file (zone, slots, quiet hours, pacing), by target: what
     * {@code herald schedule} shows, read without the accounts' credentials.
     */
    public static Map<String, AccountSchedule> schedules(Path file) {
        if (!Files.exists(file)) {
            throw new ConfigException(file + ": no such file; it lists the accounts Herald publishes to");
        }
        AccountsFile parsed = ConfigLoader.read(file, AccountsFile.class);
        Map<String, AccountSchedule> out = new LinkedHashMap<>();
        for (int i = 0; i < parsed.accounts().size(); i++) {
            AccountsFile.Entry e = parsed.accounts().get(i);
            out.put(String.valueOf(e.target()), AccountSchedule.read(file + ": accounts[" + i + "] (" + e.target() + ")", e.schedule()));
        }
        return out;
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
        Map<String, AccountSchedule> schedules = new LinkedHashMap<>();
        Map<String, io.herald.store.CorrectionPolicy> corrections = new LinkedHashMap<>();
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
            Map<String, Secret> secrets = secrets(file, key + " (" + e.target() + ")", e, sandbox, env);
            try {
                corrections.put(e.target(), io.herald.store.CorrectionPolicy.parse(file + ": " + key + " (" + e.target() + ")",
                        e.corrections()));
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(ex.getMessage());
            }
            schedules.put(e.target(), AccountSchedule.read(file + ": " + key + " (" + e.target() + ")", e.schedule()));
            if (out.put(e.target(), new Account(platform, name, base, secrets, e.settings())) != null) {
                throw new ConfigException(file + ": " + key + ".target '" + e.target() + "' is configured twice");
            }
        }
        return new AccountRegistry(out, schedules).withCorrections(corrections);
    }

    /** Every secret of an account, read from where the file says; at least one is needed. */
    private static Map<String, Secret> secrets(Path file, String key, AccountsFile.Entry e, boolean sandbox,
            Map<String, String> env) {
        if (!e.sandboxSecrets().isEmpty() && !sandbox) {
            throw new ConfigException(file + ": " + key + ".sandboxSecrets (or sandboxToken) is allowed only in the sandbox"
                    + " accounts file; use tokenEnv or tokenFile (passwordEnv, ... as the network needs)");
        }
        Map<String, Secret> out = new java.util.TreeMap<>();
        java.util.Set<String> named = new java.util.HashSet<>(e.sandboxSecrets().keySet());
        for (String n : e.secretEnv().keySet()) {
            if (!named.add(n)) {
                throw twice(file, key, n);
            }
        }
        for (String n : e.secretFile().keySet()) {
            if (!named.add(n)) {
                throw twice(file, key, n);
            }
        }
        e.sandboxSecrets().forEach((n, v) -> out.put(n, Secret.of(v)));
        for (Map.Entry<String, String> s : e.secretEnv().entrySet()) {
            String v = env.get(s.getValue());
            if (v == null || v.isBlank()) {
                throw new ConfigException(file + ": " + key + "." + s.getKey() + "Env: environment variable " + s.getValue()
                        + " is not set");
            }
            put(out, file, key, s.getKey(), Secret.of(v.trim()));
        }
        for (Map.Entry<String, String> s : e.secretFile().entrySet()) {
            // a relative file is next to the accounts file, as paths in herald.yaml are next to it
            Path secretFile = file.toAbsolutePath().getParent().resolve(s.getValue());
            String v;
            try {
                v = Files.readString(secretFile).trim();
            } catch (IOException ex) {
                throw new ConfigException(file + ": " + key + "." + s.getKey() + "File: cannot read " + secretFile);
            }
            if (v.isEmpty()) {
                throw new ConfigException(file + ": " + key + "." + s.getKey() + "File: " + secretFile + " is empty");
            }
            put(out, file, key, s.getKey(), Secret.of(v));
        }
        if (out.isEmpty()) {
            throw new ConfigException(file + ": " + key + " needs a credential: tokenEnv or tokenFile (passwordEnv,"
                    + " clientSecretEnv, ... as the network needs)" + (sandbox ? ", or sandboxSecrets" : ""));
        }
        return out;
    }

    private static void put(Map<String, Secret> out, Path file, String key, String name, Secret value) {
        if (out.put(name, value) != null) {
            throw twice(file, key, name);
        }
    }

    private static ConfigException twice(Path file, String key, String name) {
        return new ConfigException(file + ": " + key + " gives " + name + " twice (" + name + "Env, " + name + "File"
                + " and sandboxSecrets are alternatives)");
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

    /**
     * The accounts a file names, without any credential: what {@code herald preview} needs to adapt
     * as each account would, on a machine without the secrets. A missing file names none.
     */
    public static Map<String, Account> withoutSecrets(Path file) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        Map<String, Account> out = new java.util.TreeMap<>();
        for (AccountsFile.Entry e : ConfigLoader.read(file, AccountsFile.class).accounts()) {
            if (e.target() == null || !TARGET.matcher(e.target()).matches()) {
                continue;
            }
            URI base;
            try {
                base = URI.create(e.baseUrl() == null ? "" : e.baseUrl().replace(SANDBOX_PLACEHOLDER, "http://127.0.0.1"));
                if (base.getHost() == null) {
                    base = URI.create("http://127.0.0.1");
                }
            } catch (IllegalArgumentException ex) {
                base = URI.create("http://127.0.0.1");
            }
            String platform = e.target().substring(0, e.target().indexOf(':'));
            out.put(e.target(), new Account(platform, e.target().substring(platform.length() + 1), base, Map.of(), e.settings()));
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
