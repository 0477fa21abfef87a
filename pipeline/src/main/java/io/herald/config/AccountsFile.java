package io.herald.config;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The accounts file ({@code config/accounts.yaml}, or {@code config/sandbox/accounts.yaml} in
 * sandbox mode). A credential is never literal: {@code <name>Env} names an environment variable and
 * {@code <name>File} a file (a mounted secret; a relative path is resolved against this file's
 * folder), e.g. {@code tokenEnv}, {@code passwordEnv}, {@code clientSecretFile}. Only sandbox files may
 * carry literal {@code sandboxSecrets} (or the older {@code sandboxToken}), the stand-ins' public demo
 * credentials. Connector settings go under {@code settings} ({@code handle} may also stand at the top);
 * any other key is refused.
 */
public record AccountsFile(List<Entry> accounts) {

    public AccountsFile {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** One account, as written. */
    public static final class Entry {
        private static final Pattern SECRET_KEY = Pattern.compile("([a-z][A-Za-z0-9]*)(Env|File)");

        private final String target;
        private final String baseUrl;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final Map<String, String> secretEnv = new LinkedHashMap<>();
        private final Map<String, String> secretFile = new LinkedHashMap<>();
        private final Map<String, String> sandboxSecrets = new LinkedHashMap<>();
        private final Map<String, Object> schedule = new LinkedHashMap<>();
        private String corrections;

        @JsonCreator
        public Entry(@JsonProperty("target") String target, @JsonProperty("baseUrl") String baseUrl,
                @JsonProperty("settings") Map<String, String> settings,
                @JsonProperty("sandboxSecrets") Map<String, String> sandboxSecrets,
                @JsonProperty("sandboxToken") String sandboxToken) {
            this.target = target;
            this.baseUrl = baseUrl;
            if (settings != null) {
                this.settings.putAll(settings);
            }
            if (sandboxSecrets != null) {
                this.sandboxSecrets.putAll(sandboxSecrets);
            }
            if (sandboxToken != null) {
                this.sandboxSecrets.put("token", sandboxToken);
            }
        }

        /** Settings that may also stand at the top of an entry (as DESIGN.md section 7 writes {@code handle}). */
        static final List<String> TOP_LEVEL_SETTINGS = List.of("handle");

        /** A key that is neither a field, a secret's source, a schedule key nor a top-level setting. */
        static final class UnknownKey extends IllegalArgumentException {
            final String key;

            UnknownKey(String key) {
                super("unknown key '" + key + "'");
                this.key = key;
            }
        }

        /** Keys for the scheduling of the account (read by the scheduler). */
        public static final List<String> SCHEDULE_KEYS = List.of("zone", "slots", "quietHours", "minInterval", "limits");

        @JsonAnySetter
        void other(String key, Object value) {
            Matcher m = SECRET_KEY.matcher(key);
            if (key.equals("corrections") && value instanceof String c) {
                corrections = c;
            } else if (SCHEDULE_KEYS.contains(key)) {
                schedule.put(key, value);
            } else if (m.matches() && value instanceof String s) {
                Map<String, String> to = m.group(2).equals("Env") ? secretEnv : secretFile;
                if (to.put(m.group(1), s) != null) {
                    throw new IllegalArgumentException("'" + key + "' is given twice");
                }
            } else if (TOP_LEVEL_SETTINGS.contains(key) && (value instanceof String || value instanceof Number)) {
                settings.put(key, String.valueOf(value));
            } else {
                throw new UnknownKey(key);
            }
        }

        public String target() {
            return target;
        }

        public String baseUrl() {
            return baseUrl;
        }

        /** Connector settings: those under {@code settings} and the other scalar keys. */
        public Map<String, String> settings() {
            return settings;
        }

        /** Secret name to the environment variable it is read from. */
        public Map<String, String> secretEnv() {
            return secretEnv;
        }

        /** Secret name to the file it is read from. */
        public Map<String, String> secretFile() {
            return secretFile;
        }

        /** Literal secrets, allowed in the sandbox accounts file only. */
        public Map<String, String> sandboxSecrets() {
            return sandboxSecrets;
        }

        /** What a new revision of a published post does: {@code edit}, {@code replace} or {@code refuse} (null: refuse). */
        public String corrections() {
            return corrections;
        }

        /** The scheduling keys as written ({@link #SCHEDULE_KEYS}). */
        public Map<String, Object> schedule() {
            return schedule;
        }
    }
}
