package io.herald.post;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * JSON mistakes in Herald's words. Jackson's own messages quote the text they stumbled on (an
 * unquoted value is echoed token and all), so they never reach a user, a log or the audit: each
 * kind of mistake gets a fixed sentence and its line and column instead.
 */
public final class JsonProblems {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonProblems() {}

    /**
     * Decodes bytes as UTF-8, strictly, without a leading byte order mark.
     *
     * @throws InvalidPostException naming the byte offset of the first malformed sequence
     */
    public static String utf8(byte[] raw) throws InvalidPostException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidPostException(null, "is not UTF-8 text (a malformed byte sequence at byte " + (firstBad(raw) + 1) + ")");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int firstBad(byte[] raw) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw);
        var out = java.nio.CharBuffer.allocate(raw.length + 1);
        decoder.decode(in, out, true);
        return in.position();
    }

    /**
     * What is wrong with text that Jackson refused, as one line in Herald's words, with the
     * position. Never quotes the text.
     *
     * @param knownNames field names that may be named in the message (Herald's own, not the record's)
     */
    public static InvalidPostException syntax(JsonProcessingException e, Set<String> knownNames) {
        String m = String.valueOf(e.getOriginalMessage());
        String problem;
        if (m.startsWith("Duplicate field '")) {
            int end = m.indexOf('\'', 17);
            String name = end > 17 ? m.substring(17, end) : "";
            return at(new InvalidPostException(null, (knownNames.contains(name) ? "the field " + name : "a field")
                    + " is given twice; which of the two would be meant?"), e.getLocation());
        } else if (m.startsWith("Trailing token") || afterTheValue(e)) {
            problem = "there is more text after the end of the post; a record holds one post";
        } else if (e instanceof StreamConstraintsException) {
            problem = "too large or too deeply nested to be a post";
        } else if (e instanceof JsonEOFException || m.startsWith("Unexpected end-of-input")) {
            problem = "the text ends before the post does (a quote, } or ] is missing)";
        } else if (m.startsWith("Unrecognized token")) {
            problem = "a value is not JSON; text must be in double quotes";
        } else if (m.contains("was expecting double-quote to start field name")) {
            problem = "a field name must be in double quotes";
        } else if (m.contains("was expecting comma to separate Object entries")) {
            problem = "a comma or } is missing";
        } else if (m.contains("was expecting comma to separate Array entries")) {
            problem = "a comma or ] is missing";
        } else if (m.contains("was expecting a colon")) {
            problem = "a colon is missing after a field name";
        } else if (m.contains("expected a valid value")) {
            problem = "a value is missing or is not JSON; text must be in double quotes";
        } else if (m.startsWith("Unexpected close marker")) {
            problem = "a closing } or ] does not match what it closes";
        } else if (m.startsWith("Illegal unquoted character")) {
            problem = "a string holds a line break, tab or control character; write it escaped (\\n, \\t)";
        } else if (m.startsWith("Unrecognized character escape")) {
            problem = "a string holds a backslash escape that JSON does not have";
        } else if (m.startsWith("Invalid numeric value") || m.startsWith("Numeric value")) {
            problem = "a number is not a valid JSON number";
        } else if (m.contains("Invalid UTF") || m.contains("UTF-8")) {
            problem = "is not UTF-8 text";
        } else {
            problem = "this is not valid JSON";
        }
        return at(new InvalidPostException(null, "not valid JSON: " + problem), e.getLocation());
    }

    /** Whether the parser stumbled after the one value a record holds had ended: trailing text. */
    private static boolean afterTheValue(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser p) {
            JsonStreamContext ctx = p.getParsingContext();
            // the count includes the value being read when it fails: more than one means one had ended
            return ctx != null && ctx.inRoot() && ctx.getEntryCount() > 1;
        }
        return false;
    }

    private static InvalidPostException at(InvalidPostException e, JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return e;
        }
        return e.at(location.getLineNr(), Math.max(location.getColumnNr(), 0));
    }

    /**
     * Where a field is in the text: the line and column of its value, or of its name when
     * {@code name} is set. Null when the text does not hold it.
     *
     * @param path field names and array indexes from the top, e.g. {@code ["media", 0, "url"]}
     */
    static int[] locate(String text, List<Object> path, boolean name) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                boolean isName = t == JsonToken.FIELD_NAME;
                if (t.isStructEnd() || isName != name) {
                    continue;
                }
                if (pathOf(p, t).equals(path)) {
                    JsonLocation at = p.currentTokenLocation();
                    return new int[] {at.getLineNr(), at.getColumnNr()};
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** The path of the current token: for a value, where it sits; for a field name, the field's. */
    private static List<Object> pathOf(JsonParser p, JsonToken t) {
        JsonStreamContext ctx = p.getParsingContext();
        if (t.isStructStart()) {
            ctx = ctx.getParent(); // the new object or array's own context holds nothing of its place yet
        }
        Deque<Object> out = new ArrayDeque<>();
        for (; ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
            if (ctx.inObject()) {
                out.addFirst(String.valueOf(ctx.getCurrentName()));
            } else if (ctx.inArray()) {
                out.addFirst(ctx.getCurrentIndex());
            }
        }
        return List.copyOf(out);
    }

    /** A JSON node type as a person says it: "a string", "a number", "true or false", ... */
    static String kind(com.fasterxml.jackson.databind.JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING, BINARY -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NULL, MISSING -> "null";
        };
    }
}
