package io.herald.connector.bluesky;

import io.herald.connector.DeliveryKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The record key of a part of a delivery: a TID (the AT Protocol's timestamp identifier: 64 bits, the
 * top one 0, then 53 bits of microseconds since 1970 and 10 bits of clock id, written as 13 characters
 * of base32-sortable {@code 234567abcdefghijklmnopqrstuvwxyz}), derived from the delivery and the part
 * alone, so that every attempt of a delivery writes the same record and a repeat is recognised.
 *
 * <p>The timestamp is taken from a hash, within 2^47 microseconds (about four and a half years) from
 * 2022-01-01: a plausible past time, never a future one; the clock id from the same hash. The PDS
 * checks only the syntax (measured: {@code 2222222222222}, time zero, is accepted).
 */
final class Tid {

    static final String ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
    static final Pattern SYNTAX = Pattern.compile("^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$");
    private static final long BASE_MICROS = Instant.parse("2022-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
    private static final long SPAN_BITS = 47;

    private Tid() {
    }

    /** The record key of part {@code part} (0-based) of {@code delivery}. */
    static String of(DeliveryKey delivery, int part) {
        long h = hash("herald/bluesky/" + delivery.identity() + "/" + part);
        long micros = BASE_MICROS + ((h >>> 10) & ((1L << SPAN_BITS) - 1));
        return encode(micros, (int) (h & 1023));
    }

    /** A TID of {@code micros} (53 bits) and {@code clockId} (10 bits). */
    static String encode(long micros, int clockId) {
        if (micros < 0 || micros >= (1L << 53) || clockId < 0 || clockId > 1023) {
            throw new IllegalArgumentException("a TID holds 53 bits of time and 10 of clock id, but was " + micros + "/" + clockId);
        }
        long v = (micros << 10) | clockId;
        char[] out = new char[13];
        for (int i = 12; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (v & 31));
            v >>>= 5;
        }
        return new String(out);
    }

    /** The microseconds of a TID. */
    static long micros(String tid) {
        long v = 0;
        for (char c : tid.toCharArray()) {
            v = (v << 5) | ALPHABET.indexOf(c);
        }
        return v >>> 10;
    }

    private static long hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
