package io.herald.cli;

import io.herald.post.InvalidPostException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** What the client commands share to read their input: files, or standard input for {@code -}. */
final class ClientSupport {

    /** What {@code -} reads, as messages name it. */
    static final String STDIN = "<stdin>";

    private ClientSupport() {}

    /** How a message names a file argument. */
    static String name(String file) {
        return "-".equals(file) ? STDIN : file;
    }

    /** Reads a file, or standard input for {@code -}; a missing file is a one-line error. */
    static byte[] read(String file) {
        try {
            if (file.equals("-")) {
                InputStream in = System.in;
                return in.readAllBytes();
            }
            return Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(name(file) + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * A refused post as one line naming the file: {@code FILE: field: problem (line L, column C)}.
     * An empty file gets the same words from every command.
     */
    static String describe(String file, InvalidPostException e) {
        if ("empty record".equals(e.problem()) && e.field() == null) {
            return name(file) + ": is empty; a post is a JSON object with at least id, body and targets";
        }
        return name(file) + ": " + e.getMessage();
    }

    /** A refused line of a JSON Lines file: {@code FILE:N: field: problem (column C)}. */
    static String describeLine(String file, int line, InvalidPostException e) {
        String column = e.column() > 0 ? " (column " + e.column() + ")" : "";
        return name(file) + ":" + line + ": " + (e.field() == null ? "" : e.field() + ": ") + e.problem() + column;
    }
}
