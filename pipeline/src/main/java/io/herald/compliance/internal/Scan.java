package io.herald.compliance.internal;

import io.herald.compliance.Action;
import io.herald.compliance.ComplianceInput;
import io.herald.compliance.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The state of one check: the text, the config and the findings so far. Not thread-safe. */
final class Scan {

    final GateConfig cfg;
    final ComplianceInput input;
    final Text t;
    final List<Finding> findings = new ArrayList<>();

    /** Char spans taken by an identifier already reported (so a phone is not also an "identifier"). */
    private int[] claimedStart = new int[8];
    private int[] claimedEnd = new int[8];
    private int claimed;

    /**
     * A name in the post was judged to be staff's (listed, titled or introduced by a role) or a
     * public figure's. The text model gives no patient opinion on such a post: it reads how a post
     * reads, and a post about a colleague reads like one about a patient.
     */
    boolean namesNotPatient;

    /** The body says the person shown consented (a consent reference or "shared with her permission"). */
    boolean consentInText;

    private static final java.util.regex.Pattern AGE_SEX = java.util.regex.Pattern.compile("\\d{1,3}(?:m|f|yo|y/o|yom|yof)");

    private boolean[] personCue;
    private boolean[] practiceCue;
    private int personCueSentences = -1;

    Scan(GateConfig cfg, ComplianceInput input, Text t) {
        this.cfg = cfg;
        this.input = input;
        this.t = t;
    }

    boolean on(String rule) {
        return cfg.enabled(rule);
    }

    /** Adds a finding unless the rule is off or the same rule already covers an overlapping span. */
    void add(String rule, int start, int end, String message) {
        Action a = cfg.actions.get(rule);
        if (a == null) {
            return;
        }
        for (Finding f : findings) {
            if (f.rule().equals(rule)) {
                if (start < 0 && f.start() < 0 && f.message().equals(message)) {
                    return;
                }
                if (start >= 0 && f.start() >= 0 && start < f.end() && f.start() < end) {
                    return;
                }
            }
        }
        findings.add(new Finding(rule, cfg.categories.get(rule), a, start, end, message));
    }

    void claim(int start, int end) {
        if (claimed == claimedStart.length) {
            claimedStart = java.util.Arrays.copyOf(claimedStart, claimed * 2);
            claimedEnd = java.util.Arrays.copyOf(claimedEnd, claimed * 2);
        }
        claimedStart[claimed] = start;
        claimedEnd[claimed++] = end;
    }

    boolean isClaimed(int start, int end) {
        for (int k = 0; k < claimed; k++) {
            if (start < claimedEnd[k] && claimedStart[k] < end) {
                return true;
            }
        }
        return false;
    }

    /** A public figure of the policy's {@code publicNames} is named in the sentence at char {@code pos}. */
    boolean publicNameInSentence(int pos) {
        int sn = t.sentenceOf(pos);
        return cfg.publicNameIn(t, t.sentFirst[sn], t.sentLast[sn]);
    }

    // ----------------------------------------------------------------------------- cue helpers

    private void computeCues() {
        personCue = new boolean[Math.max(1, t.sentences)];
        practiceCue = new boolean[Math.max(1, t.sentences)];
        int count = 0;
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] == Text.NUMBER && AGE_SEX.matcher(t.lower[i]).matches() && !personCue[t.sent[i]]) {
                personCue[t.sent[i]] = true; // "45M", "72F": a case note's age and sex
                count++;
            }
            if (t.kind[i] != Text.WORD) {
                continue;
            }
            String w = t.lower[i];
            int sn = t.sent[i];
            String prev = i > 0 && t.kind[i - 1] == Text.WORD ? t.lower[i - 1] : "";
            boolean generic = prev.equals("your") || prev.equals("every") || prev.equals("each") || prev.equals("any")
                    || prev.equals("all");
            if (Lexicon.PERSON_CUES.contains(w) && !personCue[sn] && !generic) {
                // "patients" is plural and not a cue; "her" in "her team" of a doctor still is
                personCue[sn] = true;
                count++;
            }
            if (Lexicon.PRACTICE_CUES.contains(w)) {
                practiceCue[sn] = true;
            }
        }
        personCueSentences = count;
    }

    /** The sentence holding char offset c names or points at one person. */
    boolean personCueInSentence(int c) {
        if (personCue == null) {
            computeCues();
        }
        return personCue[Math.min(t.sentenceOf(c), personCue.length - 1)];
    }

    boolean practiceCueInSentence(int c) {
        if (practiceCue == null) {
            computeCues();
        }
        return practiceCue[Math.min(t.sentenceOf(c), practiceCue.length - 1)];
    }

    boolean personCueAnywhere() {
        if (personCue == null) {
            computeCues();
        }
        return personCueSentences > 0;
    }

    /** Any of the words occurs in tokens [from, to). */
    boolean anyWord(int from, int to, Set<String> words) {
        for (int i = Math.max(0, from); i < Math.min(to, t.count); i++) {
            if (t.kind[i] == Text.WORD && Text.in(words, t.lower[i])) {
                return true;
            }
        }
        return false;
    }

    /** Any of the words occurs in the sentence of token i. */
    boolean sentenceHas(int i, Set<String> words) {
        return anyWord(t.sentenceStart(i), t.sentenceEnd(i), words);
    }

    /** A negator occurs in the window tokens before i, within its sentence. */
    boolean negatedBefore(int i, int window) {
        int from = Math.max(t.sentenceStart(i), i - window);
        for (int k = i - 1; k >= from; k--) {
            if (t.kind[k] == Text.WORD && Lexicon.NEGATORS.contains(t.lower[k])) {
                return true;
            }
            if (t.kind[k] == Text.PUNCT) {
                char c = t.s.charAt(t.start[k]);
                if (c == ';' || c == ':') {
                    // "Myth: antibiotics cure colds" is a claim set up to be refuted
                    return c == ':' && k > 0 && t.kind[k - 1] == Text.WORD && Lexicon.MYTH_LABELS.contains(t.lower[k - 1]);
                }
            }
        }
        return false;
    }
}
