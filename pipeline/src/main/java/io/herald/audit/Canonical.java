package io.herald.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import org.erdtman.jcs.NumberToJSON;

/**
 * RFC 8785 (JCS) canonical JSON of a parsed event, written straight from the Jackson tree, and its
 * SHA-256: the bytes {@code new JsonCanonicalizer(mapper.writeValueAsString(node))} gives, without
 * the copy, the JSON text and the second parse that way costs (the audit hash is computed for
 * every event that {@code audit verify} reads). Object members in UTF-16 code-unit order of their
 * names; strings with only {@code \" \\ \b \f \n \r \t} and {@code \}{@code u00xx} (other controls)
 * escaped; every number as the ECMAScript form of its double value (as JCS parses it); top-level
 * members named in {@code skip} left out (no copy of the event is made).
 *
 * <p>One per thread ({@link #get()}): it reuses its buffers and its {@link MessageDigest}.
 */
public final class Canonical {

    private static final ThreadLocal<Canonical> PER_THREAD = ThreadLocal.withInitial(Canonical::new);
    private static final HexFormat HEX = HexFormat.of();
    private static final long EXACT = 1L << 53;

    private final Shape[] shapes = new Shape[16];
    private int nextShape;
    private byte[] out = new byte[2048];
    private int length;
    private final MessageDigest sha256;

    private Canonical() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /** This thread's encoder. */
    public static Canonical get() {
        return PER_THREAD.get();
    }

    /** SHA-256 hex of the canonical JSON of {@code node} without its top-level members {@code skip}. */
    public String sha256Hex(JsonNode node, String... skip) {
        encode(node, skip);
        sha256.reset();
        sha256.update(out, 0, length);
        return HEX.formatHex(sha256.digest());
    }

    /** The canonical JSON (UTF-8) of {@code node} without its top-level members {@code skip}. */
    public byte[] bytes(JsonNode node, String... skip) {
        encode(node, skip);
        return Arrays.copyOf(out, length);
    }

    private void encode(JsonNode node, String[] skip) {
        length = 0;
        value(node, skip);
    }

    private void value(JsonNode node, String[] skip) {
        JsonNodeType type = node.getNodeType();
        switch (type) {
            case OBJECT -> object(node, skip);
            case ARRAY -> {
                put('[');
                boolean first = true;
                for (JsonNode v : node) {
                    if (!first) {
                        put(',');
                    }
                    first = false;
                    value(v, null);
                }
                put(']');
            }
            case STRING -> string(node.textValue());
            case BOOLEAN -> ascii(node.booleanValue() ? "true" : "false");
            case NULL -> ascii("null");
            case NUMBER -> number(node);
            default -> throw new IllegalArgumentException("cannot canonicalise a JSON " + type + " node");
        }
    }

    private void object(JsonNode node, String[] skip) {
        int n = node.size();
        String[] names = new String[n];
        JsonNode[] values = new JsonNode[n];
        int k = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (skip == null || !skipped(name, skip)) {
                names[k] = name;
                values[k++] = field.getValue();
            }
        }
        int[] order = order(names, k);
        put('{');
        for (int i = 0; i < k; i++) {
            if (i > 0) {
                put(',');
            }
            int f = order[i];
            string(names[f]);
            put(':');
            value(values[f], null);
        }
        put('}');
    }

    /**
     * The members' order by name. Events of one type have the same names in the same order (and
     * Jackson gives the same String instances for them), so the last few orders are kept and
     * reused when the names are the very same.
     */
    private int[] order(String[] names, int k) {
        for (Shape shape : shapes) {
            if (shape != null && shape.matches(names, k)) {
                return shape.order;
            }
        }
        Integer[] boxed = new Integer[k];
        for (int i = 0; i < k; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> names[a].compareTo(names[b]));
        int[] order = new int[k];
        for (int i = 0; i < k; i++) {
            order[i] = boxed[i];
        }
        shapes[nextShape] = new Shape(Arrays.copyOf(names, k), order);
        nextShape = (nextShape + 1) % shapes.length;
        return order;
    }

    /** Member names (compared by identity) and their order by name. */
    private record Shape(String[] names, int[] order) {
        boolean matches(String[] other, int k) {
            if (names.length != k) {
                return false;
            }
            for (int i = 0; i < k; i++) {
                if (names[i] != other[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean skipped(String name, String[] skip) {
        for (String s : skip) {
            if (s.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private void number(JsonNode node) {
        if (node.canConvertToLong() && node.isIntegralNumber()) {
            long v = node.longValue();
            if (v > -EXACT && v < EXACT) {
                ascii(Long.toString(v));
                return;
            }
        }
        double d = node.isFloat() ? Double.parseDouble(Float.toString(node.floatValue())) : node.doubleValue();
        try {
            ascii(NumberToJSON.serializeNumber(d));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot canonicalise the number " + node, e);
        }
    }

    private void put(char c) {
        if (length == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[length++] = (byte) c;
    }

    private void ascii(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            out[length++] = (byte) s.charAt(i);
        }
    }

    private void room(int bytes) {
        if (length + bytes > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + bytes));
        }
    }

    /**
     * A JSON string in UTF-8: only {@code " \ \b \f \n \r \t} and the other controls escaped,
     * an unpaired surrogate as '?' (as {@code String.getBytes(UTF_8)} writes it).
     */
    private void string(String s) {
        int n = s.length();
        room(n * 6 + 2);
        byte[] b = out;
        int j = length;
        b[j++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    b[j++] = '\\';
                }
                b[j++] = (byte) c;
            } else if (c < 0x20) {
                b[j++] = '\\';
                switch (c) {
                    case '\n' -> b[j++] = 'n';
                    case '\b' -> b[j++] = 'b';
                    case '\f' -> b[j++] = 'f';
                    case '\r' -> b[j++] = 'r';
                    case '\t' -> b[j++] = 't';
                    default -> {
                        b[j++] = 'u';
                        b[j++] = '0';
                        b[j++] = '0';
                        b[j++] = (byte) Character.forDigit(c >> 4, 16);
                        b[j++] = (byte) Character.forDigit(c & 0xF, 16);
                    }
                }
            } else if (c < 0x800) {
                b[j++] = (byte) (0xC0 | (c >> 6));
                b[j++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[j++] = (byte) (0xF0 | (cp >> 18));
                b[j++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[j++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[j++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[j++] = '?';
            } else {
                b[j++] = (byte) (0xE0 | (c >> 12));
                b[j++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[j++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[j++] = '"';
        length = j;
    }
}
