package io.herald.approval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The approver key files: PEM text, the same as OpenSSL's, so either tool can make or read them.
 *
 * <pre>
 * NAME.key   -----BEGIN PRIVATE KEY-----   PKCS#8, base64, 64 characters a line
 * NAME.pub   -----BEGIN PUBLIC KEY-----    X.509 SubjectPublicKeyInfo, base64
 * </pre>
 *
 * <p>Only Ed25519 keys are accepted. The approver's name is the file's base name, matching {@link
 * #NAME}. {@code openssl genpkey -algorithm ed25519 -out NAME.key} and {@code openssl pkey -in
 * NAME.key -pubout -out NAME.pub} make a compatible pair.
 */
public final class KeyFiles {

    /** What an approver name must look like; it is also the key files' base name. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Suffix of a private key file. */
    public static final String PRIVATE_SUFFIX = ".key";

    /** Suffix of a public key file; the approvers folders hold these. */
    public static final String PUBLIC_SUFFIX = ".pub";

    static final String ALGORITHM = "Ed25519";

    private static final String PRIVATE_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";

    private KeyFiles() {}

    /** Whether {@code name} is a valid approver name. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** SHA-256 (lower-case hex) of a public key's X.509 encoding: names a key without showing it. */
    public static String fingerprint(PublicKey key) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /** A new Ed25519 key pair from the JDK's own provider. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("this Java runtime has no Ed25519 (Java 15 or later needed)", e);
        }
    }

    /** The PEM text of a private key. */
    public static String privatePem(PrivateKey key) {
        requireEd25519(key, "private key");
        return pem(PRIVATE_LABEL, key.getEncoded());
    }

    /** The PEM text of a public key. */
    public static String publicPem(PublicKey key) {
        requireEd25519(key, "public key");
        return pem(PUBLIC_LABEL, key.getEncoded());
    }

    /**
     * Writes {@code NAME.key} (owner read/write only, where the file system has POSIX permissions)
     * and {@code NAME.pub} into {@code dir}, creating {@code dir} if needed. Never overwrites: when
     * either file exists, neither is written.
     *
     * @return the two files, private first
     * @throws KeyFileException naming the file that exists, or what could not be written
     */
    public static Path[] write(KeyPair pair, Path dir, String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("approver name must match " + NAME.pattern() + ", but was '" + name + "'");
        }
        Path keyFile = dir.resolve(name + PRIVATE_SUFFIX);
        Path pubFile = dir.resolve(name + PUBLIC_SUFFIX);
        for (Path f : new Path[] {keyFile, pubFile}) {
            if (Files.exists(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new KeyFileException(f + " already exists; not overwriting it (choose another name or --out)");
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KeyFileException(dir + ": cannot create the folder: " + oneLine(e));
        }
        String privateText = privatePem(pair.getPrivate());
        String publicText = publicPem(pair.getPublic());
        writeNew(keyFile, privateText, true);
        try {
            writeNew(pubFile, publicText, false);
        } catch (KeyFileException e) {
            try {
                Files.deleteIfExists(keyFile);
            } catch (IOException ignored) {
                // the first error is the one to report
            }
            throw e;
        }
        return new Path[] {keyFile, pubFile};
    }

    private static void writeNew(Path file, String text, boolean secret) {
        try {
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            FileAttribute<?>[] attrs = secret && posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            Files.createFile(file, attrs);
            Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException(file + " already exists; not overwriting it (choose another name or --out)");
        } catch (IOException e) {
            throw new KeyFileException(file + ": cannot write: " + oneLine(e));
        }
    }

    /** Reads an Ed25519 private key from a PEM file. */
    public static PrivateKey readPrivate(Path file) {
        return parsePrivate(read(file), file.toString());
    }

    /** Reads an Ed25519 public key from a PEM file. */
    public static PublicKey readPublic(Path file) {
        return parsePublic(read(file), file.toString());
    }

    /**
     * Parses PEM private key text.
     *
     * @param source names the text in error messages (a file name)
     */
    public static PrivateKey parsePrivate(String text, String source) {
        if (text.contains("-----BEGIN " + PUBLIC_LABEL + "-----")) {
            throw new KeyFileException(source + ": this is a public key; a private key (NAME.key) is needed");
        }
        byte[] der = decode(text, PRIVATE_LABEL, source);
        try {
            PrivateKey key = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
            requireEd25519(key, source);
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyFileException(source + ": not an Ed25519 private key");
        }
    }

    /**
     * Parses PEM public key text.
     *
     * @param source names the text in error messages (a file name)
     */
    public static PublicKey parsePublic(String text, String source) {
        if (text.contains("-----BEGIN " + PRIVATE_LABEL + "-----")) {
            throw new KeyFileException(source + ": this is a PRIVATE key; only public keys (NAME.pub) belong here");
        }
        byte[] der = decode(text, PUBLIC_LABEL, source);
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
            requireEd25519(key, source);
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyFileException(source + ": not an Ed25519 public key");
        }
    }

    /**
     * The approver name a key file stands for: its file name without {@code suffix}.
     *
     * @throws KeyFileException when the file name does not end in the suffix or the name is not valid
     */
    public static String approverName(Path file, String suffix) {
        String fileName = file.getFileName() == null ? "" : file.getFileName().toString();
        if (!fileName.endsWith(suffix)) {
            throw new KeyFileException(file + ": a key file must be named NAME" + suffix);
        }
        String name = fileName.substring(0, fileName.length() - suffix.length());
        if (!isValidName(name)) {
            throw new KeyFileException(file + ": the approver name '" + name + "' must match " + NAME.pattern());
        }
        return name;
    }

    private static String read(Path file) {
        try {
            if (Files.size(file) > 64 * 1024) {
                throw new KeyFileException(file + ": too large to be a key file");
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new KeyFileException(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new KeyFileException(file + ": not a PEM key file (it is not ASCII text)");
        } catch (IOException e) {
            throw new KeyFileException(file + ": cannot read: " + oneLine(e));
        }
    }

    private static byte[] decode(String text, String label, String source) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = text.indexOf(begin);
        int e = b < 0 ? -1 : text.indexOf(end, b + begin.length());
        if (b < 0 || e < 0) {
            throw new KeyFileException(source + ": not a PEM " + label.toLowerCase(java.util.Locale.ROOT)
                    + " file (expected a '" + begin + "' ... '" + end + "' block)");
        }
        String body = text.substring(b + begin.length(), e).replaceAll("\\s+", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException ex) {
            throw new KeyFileException(source + ": the PEM block is not valid base64");
        }
    }

    private static String pem(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }

    private static void requireEd25519(Key key, String what) {
        if (!(key instanceof EdECKey ed) || !ALGORITHM.equalsIgnoreCase(ed.getParams().getName())) {
            throw new KeyFileException(what + ": not an Ed25519 key");
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ");
    }
}
