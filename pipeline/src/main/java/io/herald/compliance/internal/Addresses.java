package io.herald.compliance.internal;

import java.util.Locale;
import java.util.Map;

/** Normalises street addresses so that "900 Lake Shore Dr." equals "900 lake shore drive". */
final class Addresses {

    private Addresses() {}

    private static final Map<String, String> ABBR = Map.ofEntries(
            Map.entry("st", "street"), Map.entry("ave", "avenue"), Map.entry("av", "avenue"), Map.entry("rd", "road"),
            Map.entry("dr", "drive"), Map.entry("ln", "lane"), Map.entry("blvd", "boulevard"), Map.entry("ct", "court"),
            Map.entry("pl", "place"), Map.entry("cir", "circle"), Map.entry("ter", "terrace"), Map.entry("pkwy", "parkway"),
            Map.entry("hwy", "highway"), Map.entry("trl", "trail"), Map.entry("sq", "square"), Map.entry("n", "north"),
            Map.entry("s", "south"), Map.entry("e", "east"), Map.entry("w", "west"), Map.entry("ste", "suite"),
            Map.entry("fl", "floor"), Map.entry("apt", "apartment"), Map.entry("rm", "room"), Map.entry("mt", "mount"),
            Map.entry("ft", "fort"), Map.entry("expy", "expressway"), Map.entry("tpke", "turnpike"));

    /** A street suffix, direction or unit word, spelled out or abbreviated ("ave", "avenue", "north"). */
    static boolean isSuffix(String lower) {
        return ABBR.containsKey(lower) || ABBR.containsValue(lower) || lower.equals("way") || lower.equals("alley");
    }

    /** Lower case, abbreviations spelled out, punctuation dropped, single spaces. */
    static String normalise(String a) {
        String[] parts = a.toLowerCase(Locale.ROOT).replace('\u2019', '\'').split("[^a-z0-9']+");
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            String full = ABBR.getOrDefault(p, p);
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(full);
        }
        return b.toString();
    }
}
