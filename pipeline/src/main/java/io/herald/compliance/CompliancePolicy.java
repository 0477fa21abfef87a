package io.herald.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import io.herald.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The compliance policy: each rule's action and parameters, the practice's own details and staff
 * (which are not patient identifiers), and extra words for the word lists.
 *
 * <p>The built-in defaults are the classpath resource {@value #DEFAULT_RESOURCE}, the one source
 * of truth for defaults. An operator's file ({@code config/compliance.yaml}) is laid over them:
 * a rule it names takes the action and parameters it gives (others keep the default), its
 * {@code practice} and {@code staff} entries and its {@code words} are added to the defaults'.
 * Immutable and thread-safe.
 *
 * <p>Rules in category {@code phi} can only {@code BLOCK}: nothing can acknowledge a patient
 * identifier. Other rules take {@code BLOCK}, {@code HOLD}, {@code WARN} or {@code OFF}.
 */
public final class CompliancePolicy {

    /** Where the built-in default policy lives on the classpath. */
    public static final String DEFAULT_RESOURCE = "/io/herald/compliance/default-policy.yaml";

    /** The operator's policy file, relative to the working directory. */
    public static final Path DEFAULT_FILE = Path.of("config", "compliance.yaml");

    /** Keys of the {@code words} section. */
    public static final List<String> WORD_LISTS = List.of(
            "profanity", "insults", "claims", "misinformation", "notNames", "publicNames", "staffRoles", "acronyms");

    private static final List<String> TOP_KEYS = List.of("version", "practice", "staff", "rules", "words");
    private static final List<String> PRACTICE_KEYS = List.of("names", "addresses", "phones", "emails", "domains", "handles");

    /**
     * The practice's own details: none of them is a patient identifier.
     *
     * @param names the practice's names ("Valley Health")
     * @param addresses street addresses ("900 Lake Shore Drive") and street names ("Oak Street")
     * @param phones phone and fax numbers in any format
     * @param emails full email addresses
     * @param domains web and email domains; sub-domains match too
     * @param handles social media handles, with or without the leading {@code @}
     */
    public record Practice(
            List<String> names, List<String> addresses, List<String> phones, List<String> emails,
            List<String> domains, List<String> handles) {
        public Practice {
            names = List.copyOf(names);
            addresses = List.copyOf(addresses);
            phones = List.copyOf(phones);
            emails = List.copyOf(emails);
            domains = List.copyOf(domains);
            handles = List.copyOf(handles);
        }
    }

    /**
     * One rule's setting.
     *
     * @param action what its findings do, or null when the rule is {@code OFF}
     * @param params the rule's parameters (every parameter of the rule has a value)
     */
    public record RuleSetting(String id, String category, Action action, Map<String, Double> params) {
        public RuleSetting {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        public boolean enabled() {
            return action != null;
        }

        /** A parameter's value; fails for a parameter the rule does not have. */
        public double param(String name) {
            Double v = params.get(name);
            if (v == null) {
                throw new IllegalArgumentException(id + " has no parameter " + name);
            }
            return v;
        }
    }

    private static volatile CompliancePolicy defaults;

    private final String source;
    private final Practice practice;
    private final List<String> staff;
    private final Map<String, RuleSetting> rules;
    private final Map<String, List<String>> words;

    private CompliancePolicy(String source, Practice practice, List<String> staff, Map<String, RuleSetting> rules,
            Map<String, List<String>> words) {
        this.source = source;
        this.practice = practice;
        this.staff = List.copyOf(staff);
        this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        Map<String, List<String>> w = new LinkedHashMap<>();
        words.forEach((k, v) -> w.put(k, List.copyOf(v)));
        this.words = Collections.unmodifiableMap(w);
    }

    /** The built-in defaults: sensible for a US practice, with no practice details or staff. */
    public static CompliancePolicy defaults() {
        CompliancePolicy d = defaults;
        if (d == null) {
            synchronized (CompliancePolicy.class) {
                d = defaults;
                if (d == null) {
                    d = loadDefaults();
                    defaults = d;
                }
            }
        }
        return d;
    }

    /**
     * Loads an operator's policy file and lays it over the defaults.
     *
     * @throws PolicyException with a one-line message naming the file and key when the file is
     *     missing, unreadable, not YAML, or holds a bad value
     */
    public static CompliancePolicy load(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PolicyException(name + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new PolicyException(name + ": cannot read: " + oneLine(e.getMessage()), e);
        }
        return parse(text, name);
    }

    /**
     * Reads {@code file} when it exists, the built-in defaults otherwise. What {@code herald
     * check} does with {@code config/compliance.yaml} when no {@code --policy} is given.
     */
    public static CompliancePolicy loadOrDefaults(Path file) {
        return Files.exists(file) ? load(file) : defaults();
    }

    /**
     * Parses policy YAML and lays it over the defaults.
     *
     * @param sourceName the file name used in error messages
     */
    public static CompliancePolicy parse(String yaml, String sourceName) {
        JsonNode root = readYaml(yaml, sourceName);
        return overlay(defaults(), root, sourceName);
    }

    /** Where this policy came from: a file name, or {@code built-in defaults}. */
    public String source() {
        return source;
    }

    public Practice practice() {
        return practice;
    }

    /** Staff names: full names ("Aaron Blake") or surnames ("Nguyen"). */
    public List<String> staff() {
        return staff;
    }

    /** Every rule's setting, keyed by rule id, in catalogue order. */
    public Map<String, RuleSetting> rules() {
        return rules;
    }

    public RuleSetting rule(String id) {
        RuleSetting r = rules.get(id);
        if (r == null) {
            throw new IllegalArgumentException("no rule " + id);
        }
        return r;
    }

    /** A word list by key (one of {@link #WORD_LISTS}); never null. */
    public List<String> words(String key) {
        List<String> w = words.get(key);
        if (w == null) {
            throw new IllegalArgumentException("no word list " + key);
        }
        return w;
    }

    @Override
    public String toString() {
        return "CompliancePolicy[" + source + "]";
    }

    // ---------------------------------------------------------------------------------------

    private static CompliancePolicy loadDefaults() {
        String text;
        try (InputStream in = CompliancePolicy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEFAULT_RESOURCE);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
        String name = "built-in defaults (" + DEFAULT_RESOURCE.substring(1) + ")";
        JsonNode root = readYaml(text, name);
        Map<String, RuleSetting> none = new LinkedHashMap<>();
        Map<String, List<String>> words = new LinkedHashMap<>();
        WORD_LISTS.forEach(k -> words.put(k, List.of()));
        CompliancePolicy empty = new CompliancePolicy(name,
                new Practice(List.of(), List.of(), List.of(), List.of(), List.of(), List.of()), List.of(), none, words);
        CompliancePolicy d = overlay(empty, root, name);
        for (String id : Rules.ids()) {
            RuleSetting r = d.rules.get(id);
            if (r == null) {
                throw new IllegalStateException(name + ": rules." + id + ": missing");
            }
            for (String p : Rules.spec(id).params().keySet()) {
                if (!r.params().containsKey(p)) {
                    throw new IllegalStateException(name + ": rules." + id + "." + p + ": missing");
                }
            }
        }
        return new CompliancePolicy("built-in defaults", d.practice, d.staff, d.rules, d.words);
    }

    private static JsonNode readYaml(String yaml, String sourceName) {
        try {
            JsonNode root = Json.yaml().readTree(yaml);
            if (root == null || root.isMissingNode() || root.isNull()) {
                return Json.yaml().createObjectNode();
            }
            if (!root.isObject()) {
                throw new PolicyException(sourceName + ": must be a YAML mapping with keys " + TOP_KEYS);
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            throw new PolicyException(sourceName + ": not valid YAML" + where + ": " + oneLine(e.getOriginalMessage()), e);
        }
    }

    private static CompliancePolicy overlay(CompliancePolicy base, JsonNode root, String file) {
        checkKeys(root, TOP_KEYS, "", file);
        JsonNode version = root.get("version");
        if (version != null && !(version.isInt() && version.intValue() == 1)) {
            throw bad(file, "version", "must be 1", version);
        }
        Practice practice = base.practice;
        JsonNode p = root.get("practice");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                throw bad(file, "practice", "must be a mapping with keys " + PRACTICE_KEYS, p);
            }
            checkKeys(p, PRACTICE_KEYS, "practice.", file);
            practice = new Practice(
                    union(practice.names(), strings(p.get("names"), "practice.names", file)),
                    union(practice.addresses(), strings(p.get("addresses"), "practice.addresses", file)),
                    union(practice.phones(), phones(p.get("phones"), file)),
                    union(practice.emails(), emails(p.get("emails"), file)),
                    union(practice.domains(), domains(p.get("domains"), file)),
                    union(practice.handles(), strings(p.get("handles"), "practice.handles", file)));
        }
        List<String> staff = union(base.staff, strings(root.get("staff"), "staff", file));

        Map<String, RuleSetting> rules = new LinkedHashMap<>(base.rules);
        JsonNode r = root.get("rules");
        if (r != null && !r.isNull()) {
            if (!r.isObject()) {
                throw bad(file, "rules", "must be a mapping from rule id to {action, parameters}", r);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String id = e.getKey();
                Rules.Spec spec = Rules.spec(id);
                if (spec == null) {
                    throw new PolicyException(file + ": rules." + id + ": unknown rule (known: "
                            + String.join(", ", Rules.ids()) + ")");
                }
                rules.put(id, ruleSetting(spec, rules.get(id), e.getValue(), file));
            }
        }
        Map<String, RuleSetting> ordered = new LinkedHashMap<>();
        for (String id : Rules.ids()) {
            if (rules.containsKey(id)) {
                ordered.put(id, rules.get(id));
            }
        }

        Map<String, List<String>> words = new LinkedHashMap<>(base.words);
        JsonNode w = root.get("words");
        if (w != null && !w.isNull()) {
            if (!w.isObject()) {
                throw bad(file, "words", "must be a mapping with keys " + WORD_LISTS, w);
            }
            checkKeys(w, WORD_LISTS, "words.", file);
            for (String k : WORD_LISTS) {
                words.put(k, union(words.get(k), strings(w.get(k), "words." + k, file)));
            }
        }
        return new CompliancePolicy(file, practice, staff, ordered, words);
    }

    private static RuleSetting ruleSetting(Rules.Spec spec, RuleSetting base, JsonNode node, String file) {
        String key = "rules." + spec.id();
        if (node == null || !node.isObject()) {
            throw bad(file, key, "must be a mapping like {action: HOLD}", node);
        }
        List<String> allowed = new ArrayList<>();
        allowed.add("action");
        allowed.addAll(spec.params().keySet());
        checkKeys(node, allowed, key + ".", file);
        Action action = base == null ? null : base.action();
        boolean hasAction = base != null;
        JsonNode a = node.get("action");
        if (a != null && a.isBoolean() && !a.booleanValue()) {
            a = Json.yaml().getNodeFactory().textNode("OFF"); // YAML 1.1 reads a bare OFF as false
        }
        if (a != null) {
            if (!a.isTextual()) {
                throw bad(file, key + ".action", "must be one of BLOCK, HOLD, WARN, OFF", a);
            }
            String s = a.textValue().trim().toUpperCase(Locale.ROOT);
            switch (s) {
                case "BLOCK" -> action = Action.BLOCK;
                case "HOLD" -> action = Action.HOLD;
                case "WARN" -> action = Action.WARN;
                case "OFF" -> action = null;
                default -> throw bad(file, key + ".action", "must be one of BLOCK, HOLD, WARN, OFF", a);
            }
            hasAction = true;
        }
        if (!hasAction) {
            throw new PolicyException(file + ": " + key + ".action: missing");
        }
        if (spec.isPhi() && action != Action.BLOCK) {
            throw bad(file, key + ".action", "must be BLOCK (patient identifiers can be neither held nor turned off)", a);
        }
        Map<String, Double> params = new LinkedHashMap<>(base == null ? Map.of() : base.params());
        for (Map.Entry<String, Rules.Param> pe : spec.params().entrySet()) {
            JsonNode v = node.get(pe.getKey());
            if (v == null) {
                continue;
            }
            Rules.Param prm = pe.getValue();
            boolean typeOk = prm.type() == Rules.ParamType.INTEGER ? v.isIntegralNumber() : v.isNumber();
            String range = prm.type() == Rules.ParamType.INTEGER
                    ? "an integer from " + (long) prm.min() + " to " + (long) prm.max()
                    : "a number from " + prm.min() + " to " + prm.max();
            if (!typeOk || v.doubleValue() < prm.min() || v.doubleValue() > prm.max()) {
                throw bad(file, key + "." + pe.getKey(), "must be " + range, v);
            }
            params.put(pe.getKey(), v.doubleValue());
        }
        return new RuleSetting(spec.id(), spec.category(), action, params);
    }

    private static void checkKeys(JsonNode node, List<String> allowed, String prefix, String file) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new PolicyException(file + ": " + prefix + k + ": unknown key (expected one of "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    private static List<String> strings(JsonNode node, String key, String file) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw bad(file, key, "must be a list of strings", node);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            if (!(e.isTextual() || e.isNumber()) || e.asText().isBlank()) {
                throw bad(file, key + "[" + i + "]", "must be a non-empty string", e);
            }
            out.add(e.asText().trim());
        }
        return out;
    }

    private static List<String> phones(JsonNode node, String file) {
        List<String> out = strings(node, "practice.phones", file);
        for (int i = 0; i < out.size(); i++) {
            long digits = out.get(i).chars().filter(Character::isDigit).count();
            if (digits < 7 || digits > 15) {
                throw bad(file, "practice.phones[" + i + "]", "must be a phone number with 7 to 15 digits",
                        Json.yaml().getNodeFactory().textNode(out.get(i)));
            }
        }
        return out;
    }

    private static List<String> emails(JsonNode node, String file) {
        List<String> out = strings(node, "practice.emails", file);
        for (int i = 0; i < out.size(); i++) {
            String e = out.get(i);
            int at = e.indexOf('@');
            if (at <= 0 || at != e.lastIndexOf('@') || e.indexOf('.', at) < 0 || e.contains(" ")) {
                throw bad(file, "practice.emails[" + i + "]", "must be an email address",
                        Json.yaml().getNodeFactory().textNode(e));
            }
        }
        return out;
    }

    private static List<String> domains(JsonNode node, String file) {
        List<String> out = strings(node, "practice.domains", file);
        for (int i = 0; i < out.size(); i++) {
            String d = out.get(i);
            if (!d.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
                throw bad(file, "practice.domains[" + i + "]", "must be a domain name like clinic.example",
                        Json.yaml().getNodeFactory().textNode(d));
            }
        }
        return out;
    }

    private static List<String> union(List<String> a, List<String> b) {
        if (b.isEmpty()) {
            return a;
        }
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }

    private static PolicyException bad(String file, String key, String expectation, JsonNode actual) {
        String was = actual == null ? "missing" : "was " + abbreviate(actual.toString());
        return new PolicyException(file + ": " + key + ": " + expectation + ", but " + was);
    }

    private static String abbreviate(String s) {
        String one = oneLine(s);
        return one.length() > 60 ? one.substring(0, 57) + "..." : one;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
