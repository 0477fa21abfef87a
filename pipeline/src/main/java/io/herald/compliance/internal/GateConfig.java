package io.herald.compliance.internal;

import io.herald.compliance.Action;
import io.herald.compliance.CompliancePolicy;
import io.herald.compliance.Rules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A policy turned into lookup structures, once per gate. Immutable and thread-safe. */
public final class GateConfig {

    final CompliancePolicy policy;
    final Map<String, Action> actions = new HashMap<>();
    final Map<String, String> categories = new HashMap<>();

    /** Practice phone numbers: their last 10 digits (or all digits when fewer). */
    final Set<String> practicePhones = new HashSet<>();
    final Set<String> practiceEmails = new HashSet<>();
    final List<String> practiceDomains = new ArrayList<>();
    /** Normalised practice street addresses with a house number ("900 lake shore drive"). */
    final List<String> practiceAddresses = new ArrayList<>();
    /** Normalised street names without a number ("oak street"), and practice names. */
    final List<String> practicePlaces = new ArrayList<>();
    final Set<String> practiceHandles = new HashSet<>();
    /** Staff names as lower-case token arrays. */
    final List<String[]> staff = new ArrayList<>();
    /** The public names ({@code words.publicNames}) by their first word, so a text is matched token by token. */
    private final Map<String, List<String[]>> publicNamesByFirst = new HashMap<>();
    final Set<String> notNames = new HashSet<>();
    final Set<String> staffRoles = new HashSet<>();
    final Set<String> acronyms = new HashSet<>();
    /** Every word of the staff names and of the practice's names, for the text model's placeholders. */
    final Set<String> staffTokens = new HashSet<>();
    final Set<String> practiceNameTokens = new HashSet<>();
    /** Every word of the practice's street names, except street suffixes and numbers ("sheridan"). */
    final Set<String> practicePlaceTokens = new HashSet<>();

    final TextModel model;
    final double phiContextThreshold;
    final double conductContextThreshold;

    final PhraseSet profanity;
    final PhraseSet insults;
    final PhraseSet claims;
    final PhraseSet misinformation;

    final int maxAge;
    final int shoutMinRun;
    final double shoutMinRatio;
    final int shoutMinWords;
    final double maxGrade;
    final int gradeMinWords;

    public GateConfig(CompliancePolicy policy) {
        this(policy, TextModel.shipped());
    }

    /**
     * The rules alone, without the text model's second opinion: what the rules' own tests and the
     * trainer's evaluation check. Not for production use; a policy cannot ask for it.
     */
    public static GateConfig rulesOnly(CompliancePolicy policy) {
        return new GateConfig(policy, TextModel.none());
    }

    /** A config with another text model (the trainer's evaluation). */
    GateConfig(CompliancePolicy policy, TextModel model) {
        this.policy = policy;
        this.model = model;
        for (Map.Entry<String, CompliancePolicy.RuleSetting> e : policy.rules().entrySet()) {
            categories.put(e.getKey(), e.getValue().category());
            if (e.getValue().enabled()) {
                actions.put(e.getKey(), e.getValue().action());
            }
        }
        CompliancePolicy.Practice p = policy.practice();
        for (String phone : p.phones()) {
            practicePhones.add(lastTen(digits(phone)));
        }
        for (String e : p.emails()) {
            practiceEmails.add(e.toLowerCase(Locale.ROOT));
            practiceDomains.add(e.substring(e.indexOf('@') + 1).toLowerCase(Locale.ROOT));
        }
        for (String d : p.domains()) {
            practiceDomains.add(d.toLowerCase(Locale.ROOT));
        }
        for (String a : p.addresses()) {
            String norm = Addresses.normalise(a);
            if (!norm.isEmpty() && Character.isDigit(norm.charAt(0))) {
                practiceAddresses.add(norm);
                int sp = norm.indexOf(' ');
                if (sp > 0) {
                    practicePlaces.add(norm.substring(sp + 1));
                }
            } else if (!norm.isEmpty()) {
                practicePlaces.add(norm);
            }
        }
        for (String pl : practicePlaces) {
            for (String w : pl.split(" ")) {
                if (!w.isEmpty() && !Character.isDigit(w.charAt(0)) && !Addresses.isSuffix(w) && w.length() > 2) {
                    practicePlaceTokens.add(w);
                }
            }
        }
        for (String nm : p.names()) {
            practicePlaces.add(Addresses.normalise(nm));
            for (String[] toks : tokens(List.of(nm))) {
                for (String tk : toks) {
                    notNames.add(tk);
                    practiceNameTokens.add(tk);
                }
            }
        }
        for (String h : p.handles()) {
            String x = h.toLowerCase(Locale.ROOT);
            practiceHandles.add(x.startsWith("@") ? x.substring(1) : x);
        }
        staff.addAll(tokens(policy.staff()));
        for (String[] st : staff) {
            staffTokens.addAll(List.of(st));
        }
        for (String[] pn : tokens(policy.words("publicNames"))) {
            publicNamesByFirst.computeIfAbsent(pn[0], k -> new ArrayList<>()).add(pn);
        }
        for (String w : policy.words("notNames")) {
            notNames.add(w.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
        }
        for (String w : policy.words("staffRoles")) {
            staffRoles.add(w.toLowerCase(Locale.ROOT));
        }
        for (String w : policy.words("acronyms")) {
            acronyms.add(w.toLowerCase(Locale.ROOT));
        }
        profanity = new PhraseSet(policy.words("profanity"));
        insults = new PhraseSet(policy.words("insults"));
        claims = new PhraseSet(policy.words("claims"));
        misinformation = new PhraseSet(policy.words("misinformation"));
        maxAge = (int) policy.rule(Rules.PHI_AGE).param("maxAge");
        CompliancePolicy.RuleSetting shout = policy.rule(Rules.CONDUCT_SHOUTING);
        shoutMinRun = (int) shout.param("minRun");
        shoutMinRatio = shout.param("minRatio");
        shoutMinWords = (int) shout.param("minWords");
        CompliancePolicy.RuleSetting grade = policy.rule(Rules.READABILITY_GRADE);
        maxGrade = grade.param("maxGrade");
        gradeMinWords = (int) grade.param("minWords");
        phiContextThreshold = policy.rule(Rules.PHI_CONTEXT).param("threshold");
        conductContextThreshold = policy.rule(Rules.CONDUCT_CONTEXT).param("threshold");
    }

    public CompliancePolicy policy() {
        return policy;
    }

    boolean enabled(String rule) {
        return actions.containsKey(rule);
    }

    static String digits(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String lastTen(String digits) {
        return digits.length() > 10 ? digits.substring(digits.length() - 10) : digits;
    }

    /** A public figure of {@code words.publicNames} is named in tokens [a, b) of the text. */
    boolean publicNameIn(Text t, int a, int b) {
        for (int i = Math.max(0, a); i < Math.min(b, t.count); i++) {
            List<String[]> candidates = t.kind[i] == Text.WORD ? publicNamesByFirst.get(t.lower[i]) : null;
            if (candidates != null) {
                for (String[] pn : candidates) {
                    if (t.wordsAt(i, b, pn)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    boolean isPracticeDomain(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("www.")) {
            h = h.substring(4);
        }
        for (String d : practiceDomains) {
            if (h.equals(d) || h.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }

    private static List<String[]> tokens(List<String> names) {
        List<String[]> out = new ArrayList<>();
        for (String nm : names) {
            Text t = new Text(nm);
            List<String> w = new ArrayList<>();
            for (int i = 0; i < t.count; i++) {
                if (t.kind[i] == Text.WORD) {
                    String lw = t.lower[i];
                    if (!Lexicon.STAFF_TITLES.contains(lw) && !Lexicon.HONORIFICS.contains(lw)
                            && !Lexicon.CREDENTIALS.contains(lw.replace(".", ""))) {
                        w.add(lw);
                    }
                }
            }
            if (!w.isEmpty()) {
                out.add(w.toArray(new String[0]));
            }
        }
        return out;
    }
}
