package io.herald.sandbox.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.herald.sandbox.internal.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one stand-in on disk: a JSON-lines file of events, one line appended per change
 * (so a change costs the same however many posts there are), replayed on start and then rewritten
 * compactly, atomically (temporary file, then rename). A process killed in the middle of an append
 * leaves a torn last line, which replay drops: the request it belonged to was never answered.
 *
 * @param <E> the stand-in's event type, read and written with Jackson
 */
public final class Journal<E> {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path file;
    private final Class<E> type;

    public Journal(Path file, Class<E> type) {
        this.file = Objects.requireNonNull(file, "file");
        this.type = Objects.requireNonNull(type, "type");
    }

    public Path path() {
        return file;
    }

    /** Every event saved, oldest first; empty when the file does not exist yet. */
    public List<E> replay() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sandbox state " + file + ": " + e.getMessage(), e);
        }
        List<E> events = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(JsonMapper.MAPPER.readValue(line, type));
            } catch (JsonProcessingException e) {
                if (i == lines.size() - 1) {
                    LOG.warn("dropping a torn last line of {} (the sandbox stopped while writing it)", file);
                } else {
                    throw new IllegalStateException("sandbox state " + file + " is corrupt at line " + (i + 1)
                            + "; move it away to start afresh", e);
                }
            }
        }
        return events;
    }

    /** Appends one event. */
    public void append(E event) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, line(event), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sandbox state " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the whole file with {@code events}, atomically. */
    public void rewrite(List<E> events) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                try (var out = Files.newOutputStream(tmp)) {
                    for (E event : events) {
                        out.write(line(event));
                    }
                }
                move(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sandbox state " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] line(Object event) throws JsonProcessingException {
        return (JsonMapper.MAPPER.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void move(Path tmp) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
