package io.herald.audit.replay;

import io.herald.approval.KeyFileException;
import io.herald.approval.KeyFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instance public keys {@code herald audit verify} trusts: every {@code NAME.pub} in a folder
 * ({@code config/instances/}), found by fingerprint (SHA-256 of the key's X.509 encoding), which
 * each checkpoint names. Immutable.
 */
public final class TrustedInstances {

    /** One trusted key: its file's base name and the key. */
    public record Key(String name, PublicKey key, String fingerprint) {}

    private final Map<String, Key> byFingerprint;
    private final String where;

    private TrustedInstances(Map<String, Key> byFingerprint, String where) {
        this.byFingerprint = Collections.unmodifiableMap(byFingerprint);
        this.where = where;
    }

    /** No trusted keys: every chain is of an unknown instance. */
    public static TrustedInstances none() {
        return new TrustedInstances(Map.of(), "(no trusted instance keys)");
    }

    /** Keys given directly, by name. */
    public static TrustedInstances of(Map<String, PublicKey> keys) {
        Map<String, Key> m = new LinkedHashMap<>();
        keys.forEach((name, key) -> {
            String fp = KeyFiles.fingerprint(key);
            m.put(fp, new Key(name, key, fp));
        });
        return new TrustedInstances(m, "the trusted keys");
    }

    /**
     * Every {@code *.pub} of the folders. A folder that does not exist holds no keys.
     *
     * @throws KeyFileException naming a file that is not an Ed25519 public key
     */
    public static TrustedInstances load(List<Path> folders) {
        Map<String, Key> m = new LinkedHashMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> pubs = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder, "*" + KeyFiles.PUBLIC_SUFFIX)) {
                dir.forEach(pubs::add);
            } catch (IOException e) {
                throw new KeyFileException(folder + ": cannot list the instances folder: " + e.getMessage());
            }
            Collections.sort(pubs);
            for (Path file : pubs) {
                String name = KeyFiles.approverName(file, KeyFiles.PUBLIC_SUFFIX);
                PublicKey key = KeyFiles.readPublic(file);
                String fp = KeyFiles.fingerprint(key);
                m.putIfAbsent(fp, new Key(name, key, fp));
            }
        }
        return new TrustedInstances(m, String.join(", ", folders.stream().map(Path::toString).toList()));
    }

    public Optional<Key> find(String fingerprint) {
        return Optional.ofNullable(fingerprint == null ? null : byFingerprint.get(fingerprint));
    }

    public int size() {
        return byFingerprint.size();
    }

    /** Where the keys came from, for messages. */
    public String where() {
        return where;
    }
}
