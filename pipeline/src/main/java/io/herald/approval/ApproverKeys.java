package io.herald.approval;

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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The public keys Herald trusts, by approver name: every {@code NAME.pub} in one or more folders
 * (other files, such as a README, are ignored). Immutable and thread-safe.
 *
 * <p>Loading fails loudly, with one line naming the file: a key file that is not an Ed25519 public
 * key, an invalid name, or the same approver in two folders.
 */
public final class ApproverKeys {

    private final Map<String, PublicKey> keys;
    private final Map<String, Path> files;
    private final List<Path> folders;

    private ApproverKeys(Map<String, PublicKey> keys, Map<String, Path> files, List<Path> folders) {
        this.keys = Collections.unmodifiableMap(new TreeMap<>(keys));
        this.files = Collections.unmodifiableMap(new TreeMap<>(files));
        this.folders = List.copyOf(folders);
    }

    /** Loads every {@code *.pub} of the folders, in order; each folder must exist. */
    public static ApproverKeys load(Path... folders) {
        return load(List.of(folders));
    }

    /**
     * Loads every {@code *.pub} of the folders, in order.
     *
     * @throws KeyFileException naming the folder or file at fault
     */
    public static ApproverKeys load(List<Path> folders) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new KeyFileException(folder + ": the approvers folder does not exist");
            }
            List<Path> pubs = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder, "*" + KeyFiles.PUBLIC_SUFFIX)) {
                dir.forEach(pubs::add);
            } catch (IOException e) {
                throw new KeyFileException(folder + ": cannot list the approvers folder: " + KeyFiles.oneLine(e));
            }
            Collections.sort(pubs);
            for (Path file : pubs) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                String name = KeyFiles.approverName(file, KeyFiles.PUBLIC_SUFFIX);
                PublicKey key = KeyFiles.readPublic(file);
                Path earlier = files.putIfAbsent(name, file);
                if (earlier != null) {
                    throw new KeyFileException(file + ": approver '" + name + "' already has a key in " + earlier);
                }
                keys.put(name, key);
            }
        }
        return new ApproverKeys(keys, files, folders);
    }

    /** Keys given directly, for tests and tools. */
    public static ApproverKeys of(Map<String, PublicKey> keys) {
        keys.keySet().forEach(name -> {
            if (!KeyFiles.isValidName(name)) {
                throw new IllegalArgumentException("approver name must match " + KeyFiles.NAME.pattern() + ", but was '" + name + "'");
            }
        });
        return new ApproverKeys(keys, Map.of(), List.of());
    }

    /** No keys at all. */
    public static ApproverKeys none() {
        return new ApproverKeys(Map.of(), Map.of(), List.of());
    }

    /** The key of an approver, if trusted. */
    public Optional<PublicKey> find(String approver) {
        return Optional.ofNullable(approver == null ? null : keys.get(approver));
    }

    /** The names of the trusted approvers, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(keys.keySet()));
    }

    /** Where an approver's key was read from, if it was read from a file. */
    public Optional<Path> file(String approver) {
        return Optional.ofNullable(approver == null ? null : files.get(approver));
    }

    /** The folders the keys were loaded from, in order. */
    public List<Path> folders() {
        return folders;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    public int size() {
        return keys.size();
    }

    @Override
    public String toString() {
        return "ApproverKeys" + names() + " from " + folders;
    }
}
