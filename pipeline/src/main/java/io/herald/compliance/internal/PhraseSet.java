package io.herald.compliance.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Phrases matched token by token against a {@link Text}: one hash lookup per token, so a list of
 * hundreds of phrases costs no more than a few. Phrases are tokenised exactly as post bodies are,
 * so "risk-free", "100% effective" and "f*ck" match as written. Immutable.
 */
public final class PhraseSet {

    private final Map<String, List<String[]>> byFirst = new HashMap<>();
    private final int size;
    /** The first tokens again, behind a bit filter: most tokens start no phrase. */
    private final LexSet firsts;

    public PhraseSet(Collection<String> phrases) {
        int k = 0;
        for (String p : phrases) {
            Text t = new Text(p.trim());
            if (t.count == 0) {
                continue;
            }
            String[] toks = new String[t.count];
            for (int i = 0; i < t.count; i++) {
                toks[i] = t.lower[i];
            }
            byFirst.computeIfAbsent(toks[0], x -> new ArrayList<>(2)).add(toks);
            k++;
        }
        for (List<String[]> l : byFirst.values()) {
            l.sort((a, b) -> b.length - a.length); // longest first
        }
        this.size = k;
        this.firsts = new LexSet(byFirst.keySet());
    }

    public int size() {
        return size;
    }

    /** The first token of every phrase. */
    public java.util.Set<String> firstTokens() {
        return java.util.Set.copyOf(byFirst.keySet());
    }

    /**
     * The number of tokens of the longest phrase that starts at token i, or 0. Phrases never run
     * across a sentence end.
     */
    public int matchAt(Text t, int i) {
        if (!firsts.contains(t.lower[i])) {
            return 0;
        }
        List<String[]> cands = byFirst.get(t.lower[i]);
        if (cands == null) {
            return 0;
        }
        int sentEnd = t.sentenceEnd(i);
        for (String[] p : cands) {
            if (i + p.length > sentEnd) {
                continue;
            }
            boolean ok = true;
            for (int k = 1; k < p.length; k++) {
                if (!p[k].equals(t.lower[i + k])) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return p.length;
            }
        }
        return 0;
    }

    /** True when token i starts some phrase. */
    public boolean startsAt(Text t, int i) {
        return matchAt(t, i) > 0;
    }

    /** True when the phrase set matches anywhere in tokens [from, to). */
    public boolean anyIn(Text t, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(to, t.count); i++) {
            if (matchAt(t, i) > 0) {
                return true;
            }
        }
        return false;
    }
}
