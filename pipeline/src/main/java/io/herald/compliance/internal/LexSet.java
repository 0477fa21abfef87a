package io.herald.compliance.internal;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * An immutable set of words with a bit filter in front of the hash lookup: most tokens of a post
 * are in none of the curated word sets, and the filter turns those misses into one array read
 * (the string's hash code is cached), so a detector can ask "is this token in the set?" many
 * times per token cheaply. Same members, same iteration order as the {@link HashSet} it wraps.
 */
final class LexSet extends AbstractSet<String> {

    private final Set<String> set;
    private final long[] bits;
    private final int shift;

    LexSet(Collection<String> words) {
        HashSet<String> s = new HashSet<>(words);
        this.set = Collections.unmodifiableSet(s);
        int log = 8;
        while ((1 << log) < s.size() * 16 && log < 16) {
            log++;
        }
        this.shift = 32 - log;
        this.bits = new long[(1 << log) >>> 6];
        for (String w : s) {
            int b = slot(w.hashCode());
            bits[b >>> 6] |= 1L << b;
        }
    }

    private int slot(int h) {
        return (h * 0x9E3779B9) >>> shift;
    }

    @Override
    public boolean contains(Object o) {
        if (o instanceof String w) {
            int b = slot(w.hashCode());
            if ((bits[b >>> 6] & (1L << b)) == 0) {
                return false;
            }
        }
        return set.contains(o);
    }

    @Override
    public Iterator<String> iterator() {
        return set.iterator();
    }

    @Override
    public int size() {
        return set.size();
    }
}
