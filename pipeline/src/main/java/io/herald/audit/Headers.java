package io.herald.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Kafka record headers as bytes, for records kept in the outbox: exactly what was given, values untouched. */
final class Headers {

    private Headers() {
    }

    static byte[] encode(List<Header> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(headers.size());
            for (Header h : headers) {
                out.writeUTF(h.key());
                byte[] v = h.value();
                out.writeInt(v == null ? -1 : v.length);
                if (v != null) {
                    out.write(v);
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RecordHeaders decode(byte[] encoded) {
        RecordHeaders headers = new RecordHeaders();
        if (encoded == null) {
            return headers;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String key = in.readUTF();
                int length = in.readInt();
                byte[] value = length < 0 ? null : in.readNBytes(length);
                headers.add(new RecordHeader(key, value));
            }
            return headers;
        } catch (IOException e) {
            throw new UncheckedIOException("outbox record headers are corrupt", e);
        }
    }
}
