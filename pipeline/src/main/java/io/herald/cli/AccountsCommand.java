package io.herald.cli;

import io.herald.app.HeraldApplication;
import io.herald.config.AccountRegistry;
import io.herald.config.ConfigException;
import io.herald.config.HeraldConfig;
import io.herald.connector.AccountHealth;
import io.herald.connector.ConnectorContext;
import io.herald.connector.Connectors;
import io.herald.json.Json;
import io.herald.network.Networks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code herald accounts}: each configured account and what its network says of it. */
@Command(name = "accounts", mixinStandardHelpOptions = true,
        description = {"Lists the accounts Herald publishes to and checks each with its network: when its token expires,"
                + " whether its API version is still served, whether the network refuses its credential.",
            "Reads the accounts file (with --sandbox the sandbox one, with the stand-ins running) and the secrets it names."
                + " Never prints a secret. Exit 0 when no account needs attention now, 1 when one is in ERROR."})
public final class AccountsCommand implements Callable<Integer> {

    @Mixin
    ConfigFile options;

    @Option(names = "--sandbox", description = "The sandbox accounts, against the stand-ins on sandbox.port.")
    boolean sandbox;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "The output: table (the default) or jsonl, one JSON object an account.")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String fmt = format.trim().toLowerCase(Locale.ROOT);
        if (!fmt.equals("table") && !fmt.equals("jsonl")) {
            throw new UserError("--format must be table or jsonl, but was '" + format + "'");
        }
        HeraldConfig config = options.config();
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Connectors connectors = Connectors.load(new ConnectorContext(http, java.time.Clock.systemUTC(), Duration.ofSeconds(10)));
        String base = sandbox ? "http://127.0.0.1:" + config.sandbox().port() : null;
        AccountRegistry accounts;
        try {
            accounts = HeraldApplication.loadAccounts(config, base, connectors, System.getenv());
        } catch (ConfigException e) {
            throw new UserError(e.getMessage());
        }
        Map<String, AccountHealth> health = new Networks(connectors, accounts).health(Duration.ofSeconds(20));
        var out = spec.commandLine().getOut();
        if (fmt.equals("table")) {
            int w = Math.max(6, health.keySet().stream().mapToInt(String::length).max().orElse(6));
            out.printf("%-" + w + "s  %-7s  %-20s  %s%n", "TARGET", "STATUS", "CREDENTIAL EXPIRES", "DETAIL");
            health.forEach((t, h) -> out.printf("%-" + w + "s  %-7s  %-20s  %s%n", t, h.status(),
                    h.credentialExpiresAt() == null ? "-" : h.credentialExpiresAt().toString(), h.detail()));
        } else {
            health.forEach((t, h) -> {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("target", t);
                line.put("status", h.status().name());
                line.put("credentialExpiresAt", h.credentialExpiresAt() == null ? null : h.credentialExpiresAt().toString());
                line.put("detail", h.detail());
                out.println(Json.write(line));
            });
        }
        out.flush();
        return health.values().stream().anyMatch(h -> h.status() == AccountHealth.Status.ERROR) ? 1 : 0;
    }
}
