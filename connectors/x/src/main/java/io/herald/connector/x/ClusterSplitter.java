package io.herald.connector.x;

import com.ibm.icu.text.BreakIterator;
import com.twitter.twittertext.Extractor;
import io.herald.connector.AdaptException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * Splits a text that has a run without spaces heavier than the limit (Chinese or Japanese prose) into
 * numbered parts, cutting between grapheme clusters (ICU: an emoji sequence, a flag or a letter with
 * its marks is never cut), never inside a URL, hashtag or mention (as twitter-text finds them). Where
 * it can, a part ends at a space or after a sentence's punctuation ({@code 。！？.!?}) in its second
 * half. Whitespace at a cut is dropped; elsewhere the text is kept as written.
 */
final class ClusterSplitter {

    private static final String COUNTER = " (%d/%d)";
    private static final String SENTENCE_END = "。！？.!?…";

    private ClusterSplitter() {
    }

    static List<String> split(String text, ToIntFunction<String> length, int limit) {
        List<int[]> atoms = atoms(text);
        for (int width = 1; width <= 3; width++) {
            String widest = String.format(COUNTER, (int) Math.pow(10, width) - 1, (int) Math.pow(10, width) - 1);
            int budget = limit - length.applyAsInt(widest);
            if (budget <= 0) {
                throw new AdaptException("the limit of " + limit + " leaves no room for the thread counter");
            }
            List<String> parts = pack(text, atoms, length, budget);
            if (String.valueOf(parts.size()).length() <= width) {
                List<String> numbered = new ArrayList<>();
                for (int i = 0; i < parts.size(); i++) {
                    numbered.add(parts.get(i) + String.format(Locale.ROOT, COUNTER, i + 1, parts.size()));
                }
                return numbered;
            }
        }
        throw new AdaptException("the text would take more than 999 posts");
    }

    /** Indivisible pieces {@code [start, end)}: URLs, hashtags and mentions whole, else grapheme clusters. */
    private static List<int[]> atoms(String text) {
        List<int[]> entities = new ArrayList<>();
        for (Extractor.Entity e : new Extractor().extractEntitiesWithIndices(text)) {
            entities.add(new int[] {e.getStart(), e.getEnd()});
        }
        BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT);
        clusters.setText(text);
        List<int[]> atoms = new ArrayList<>();
        int start = clusters.first();
        int entity = 0;
        for (int end = clusters.next(); end != BreakIterator.DONE; end = clusters.next()) {
            while (entity < entities.size() && entities.get(entity)[1] <= start) {
                entity++;
            }
            if (entity < entities.size() && entities.get(entity)[0] < end && start < entities.get(entity)[1]) {
                int entityEnd = entities.get(entity)[1];
                int[] last = atoms.isEmpty() ? null : atoms.get(atoms.size() - 1);
                if (last != null && last[1] > entities.get(entity)[0]) {
                    last[1] = Math.max(last[1], end); // within the entity: grow its atom
                } else {
                    atoms.add(new int[] {start, end});
                }
                if (end >= entityEnd) {
                    entity++;
                }
            } else {
                atoms.add(new int[] {start, end});
            }
            start = end;
        }
        return atoms;
    }

    private static List<String> pack(String text, List<int[]> atoms, ToIntFunction<String> length, int budget) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < atoms.size()) {
            while (i < atoms.size() && isSpace(text, atoms.get(i))) {
                i++;
            }
            if (i == atoms.size()) {
                break;
            }
            int from = atoms.get(i)[0];
            int fit = -1;
            int preferred = -1;
            int j = i;
            for (; j < atoms.size(); j++) {
                String candidate = text.substring(from, atoms.get(j)[1]).stripTrailing();
                if (length.applyAsInt(candidate) > budget) {
                    break;
                }
                fit = j;
                boolean breakable = j + 1 < atoms.size() && isSpace(text, atoms.get(j + 1))
                        || SENTENCE_END.indexOf(text.charAt(atoms.get(j)[1] - 1)) >= 0;
                if (breakable && length.applyAsInt(candidate) * 2 >= budget) {
                    preferred = j;
                }
            }
            if (fit < 0) {
                throw new AdaptException("a part of the text (" + text.substring(from, atoms.get(i)[1])
                        + ") alone does not fit the limit");
            }
            int last = j == atoms.size() ? fit : preferred >= 0 ? preferred : fit;
            parts.add(text.substring(from, atoms.get(last)[1]).strip());
            i = last + 1;
        }
        return parts;
    }

    private static boolean isSpace(String text, int[] atom) {
        return text.substring(atom[0], atom[1]).isBlank();
    }
}
