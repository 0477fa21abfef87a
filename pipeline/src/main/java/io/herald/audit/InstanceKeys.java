package io.herald.audit;

import io.herald.approval.KeyFileException;
import io.herald.approval.KeyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Map;

/**
 * The instance's checkpoint signing key: from a file or an environment variable (PEM text) when the
 * configuration names one, else made once and kept in the data dir ({@code audit/NAME.key}), with
 * its public key put into the trusted instances folder so that {@code herald audit verify} accepts
 * this instance's chain. Key material is never logged; only fingerprints are.
 */
public final class InstanceKeys {

    /** The signing key and what to tell the operator about it. */
    public record Loaded(PrivateKey key, PublicKey publicKey, String fingerprint, String note) {}

    private InstanceKeys() {}

    /**
     * @param keyFile the configured private key file, or null
     * @param keyEnv the configured environment variable, or null
     * @param instances the trusted instances folder
     * @throws KeyFileException naming the file or variable at fault
     */
    public static Loaded load(Path keyFile, String keyEnv, Map<String, String> env, Path dataDir, Path instances, String instance) {
        if (keyEnv != null && !keyEnv.isBlank()) {
            String pem = env.get(keyEnv);
            if (pem == null || pem.isBlank()) {
                throw new KeyFileException("audit.signingKeyEnv: the environment variable " + keyEnv + " is not set");
            }
            return loaded(KeyFiles.parsePrivate(pem, "the environment variable " + keyEnv), instances, "from " + keyEnv);
        }
        if (keyFile != null) {
            return loaded(KeyFiles.readPrivate(keyFile), instances, "from " + keyFile);
        }
        Path dir = dataDir.resolve("audit");
        String name = KeyFiles.isValidName(instance) ? instance : "instance";
        Path own = dir.resolve(name + KeyFiles.PRIVATE_SUFFIX);
        if (!Files.exists(own)) {
            KeyPair pair = KeyFiles.generate();
            KeyFiles.write(pair, dir, name);
        }
        PrivateKey key = KeyFiles.readPrivate(own);
        PublicKey pub = publicOf(key);
        Path trusted = instances.resolve(name + KeyFiles.PUBLIC_SUFFIX);
        String note;
        if (!Files.exists(trusted)) {
            try {
                Files.createDirectories(instances);
                Files.writeString(trusted, KeyFiles.publicPem(pub));
                note = "made in " + own + "; its public key is now trusted as " + trusted;
            } catch (IOException e) {
                note = "made in " + own + "; copy " + dir.resolve(name + KeyFiles.PUBLIC_SUFFIX) + " into " + instances
                        + " so that 'herald audit verify' accepts this instance (" + e.getMessage() + ")";
            }
        } else {
            note = "from " + own;
        }
        return new Loaded(key, pub, KeyFiles.fingerprint(pub), note);
    }

    private static Loaded loaded(PrivateKey key, Path instances, String where) {
        PublicKey pub = publicOf(key);
        String fp = KeyFiles.fingerprint(pub);
        return new Loaded(key, pub, fp, where + " (public key fingerprint " + fp + "; its NAME.pub must be in " + instances
                + " for 'herald audit verify' to accept this instance)");
    }

    /** The public key of an Ed25519 private key (the JDK derives it from the private scalar). */
    static PublicKey publicOf(PrivateKey key) {
        try {
            EdECPrivateKey ed = (EdECPrivateKey) key;
            byte[] seed = ed.getBytes().orElseThrow();
            // derive by signing-key generation from the same seed
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("Ed25519");
            g.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
            KeyPair pair = g.generateKeyPair();
            return pair.getPublic();
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw new KeyFileException("the audit signing key is not a usable Ed25519 private key");
        }
    }

    /** Gives the seed as the "random" bytes, so the generator rebuilds the same key pair. */
    private static final class FixedRandom extends java.security.SecureRandom {
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
