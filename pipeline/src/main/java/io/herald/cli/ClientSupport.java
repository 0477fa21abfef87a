package io.herald.cli;

import io.herald.config.AccountRegistry;
import io.herald.config.ConfigException;
import io.herald.config.HeraldConfig;
import io.herald.post.InvalidPostException;
import io.herald.post.Post;
import io.herald.post.PostParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** What the client commands share: reading post files and checking them as the pipeline will. */
final class ClientSupport {

    private ClientSupport() {}

    /** Reads a file, or standard input for {@code -}; a missing file is a one-line error. */
    static byte[] read(String file) {
        try {
            if (file.equals("-")) {
                try (InputStream in = System.in) {
                    return in.readAllBytes();
                }
            }
            return Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * A parser that knows every configured target, production and sandbox alike, without needing
     * any credential.
     */
    static PostParser parser(HeraldConfig config) {
        Set<String> targets = new TreeSet<>();
        try {
            targets.addAll(AccountRegistry.targetsIn(config.resolve(config.accounts())));
            targets.addAll(AccountRegistry.targetsIn(config.resolve(config.sandbox().accounts())));
        } catch (ConfigException e) {
            throw new UserError(e.getMessage());
        }
        String hint = targets.isEmpty() ? "none (see config/accounts.yaml)" : String.join(", ", targets);
        return new PostParser(targets::contains, () -> hint);
    }

    /** Parses and validates a post; a problem is a one-line error naming the file and the field. */
    static Post parse(PostParser parser, String file, byte[] bytes) {
        try {
            return parser.parse(bytes);
        } catch (InvalidPostException e) {
            throw new UserError((file.equals("-") ? "<stdin>" : file) + ": " + e.getMessage());
        }
    }
}
