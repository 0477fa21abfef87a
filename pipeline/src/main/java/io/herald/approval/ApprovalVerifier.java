package io.herald.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.herald.config.HeraldConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Checks a post's signed approval, on the post exactly as received: the raw bytes, or the JSON tree
 * parsed from them (never a tree re-made from a Java object, which would drop unknown fields).
 * Immutable and thread-safe; make one at start and share it.
 *
 * <p>Checks, in order, each failing with one {@link ApprovalFailure}: the post is a JSON object
 * ({@code MALFORMED}); it has an {@code approval} with a {@code signature} ({@code UNSIGNED}); {@code
 * approvedBy} names a trusted approver ({@code UNKNOWN_APPROVER}); the signature is base64 of 64
 * bytes ({@code BAD_SIGNATURE}); it verifies over {@link SignedContent#canonicalBytes} with that
 * approver's key ({@code CONTENT_CHANGED}); {@code acknowledged} is a list of rule ids ({@code
 * MALFORMED}); the approval is not older than {@code approval.maxAge}, when set ({@code TOO_OLD}).
 *
 * <p>When the policy does not require approval, every post is accepted; the signature is still
 * checked so that {@link ApprovalResult#acknowledged()} only ever holds signed rule ids.
 */
public final class ApprovalVerifier {

    /** Trusted keys in BouncyCastle's form, converted once. */
    private static final java.util.Map<PublicKey, Ed25519PublicKeyParameters> RAW_KEYS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final int SIGNATURE_BYTES = 64;
    private static final int MAX_NAME_IN_MESSAGE = 64;

    private final ApproverKeys keys;
    private final ApprovalPolicy policy;
    private final Clock clock;

    public ApprovalVerifier(ApproverKeys keys, ApprovalPolicy policy) {
        this(keys, policy, Clock.systemUTC());
    }

    /** @param clock only used for {@code approval.maxAge} */
    public ApprovalVerifier(ApproverKeys keys, ApprovalPolicy policy, Clock clock) {
        this.keys = keys;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * The verifier a configuration asks for: {@link ApprovalPolicy#fromConfig} with the keys of its
     * folders. When approval is required every folder must exist; when it is not, missing folders are
     * skipped.
     *
     * @throws KeyFileException naming the folder or key file at fault (a {@link
     *     io.herald.config.ConfigException}, so start-up fails with one line)
     */
    public static ApprovalVerifier fromConfig(HeraldConfig config, boolean sandbox) {
        return fromConfig(config, sandbox, Clock.systemUTC());
    }

    public static ApprovalVerifier fromConfig(HeraldConfig config, boolean sandbox, Clock clock) {
        ApprovalPolicy policy = ApprovalPolicy.fromConfig(config, sandbox);
        List<Path> folders = policy.required()
                ? policy.approverFolders()
                : policy.approverFolders().stream().filter(Files::isDirectory).collect(Collectors.toList());
        return new ApprovalVerifier(ApproverKeys.load(folders), policy, clock);
    }

    public ApprovalPolicy policy() {
        return policy;
    }

    public ApproverKeys keys() {
        return keys;
    }

    /**
     * What to log at WARN (or louder) when the pipeline starts: approval switched off, or no
     * approver key at all (every post would be rejected). Empty when all is well.
     */
    public List<String> startupWarnings() {
        List<String> warnings = new ArrayList<>();
        policy.startupWarning().ifPresent(warnings::add);
        if (policy.required() && keys.isEmpty()) {
            warnings.add("no approver public key (NAME.pub) in " + policy.approverFolders().stream()
                    .map(Path::toString).collect(Collectors.joining(", "))
                    + ": every post will be REJECTED until one is added (see herald keygen)");
        }
        return warnings;
    }

    /** Verifies a post from the bytes of the input record, as received. */
    public ApprovalResult verify(byte[] rawPost) {
        JsonNode post;
        try {
            post = SignedContent.parse(rawPost);
        } catch (JsonProcessingException e) {
            // in Herald's words: the parser's own message quotes the text it stumbled on
            return decide(ApprovalResult.failed(ApprovalFailure.MALFORMED,
                    io.herald.post.JsonProblems.syntax(e, java.util.Set.of()).getMessage()));
        }
        return verify(post);
    }

    /**
     * Verifies a post from the JSON tree parsed from the received bytes. Parse with {@link
     * SignedContent#parse} where possible (it refuses duplicate keys); a tree from any Jackson
     * mapper gives the same result for well-formed input.
     */
    public ApprovalResult verify(JsonNode post) {
        return decide(check(post));
    }

    private ApprovalResult decide(ApprovalResult result) {
        return result.verified() || policy.required() ? result : result.acceptedUnverified();
    }

    private ApprovalResult check(JsonNode post) {
        if (post == null || !post.isObject()) {
            return ApprovalResult.failed(ApprovalFailure.MALFORMED, "a post must be a JSON object");
        }
        JsonNode approval = post.get(SignedContent.APPROVAL);
        if (approval == null || approval.isNull()) {
            return ApprovalResult.failed(ApprovalFailure.UNSIGNED, "the post has no approval");
        }
        if (!approval.isObject()) {
            return ApprovalResult.failed(ApprovalFailure.MALFORMED, "approval must be a JSON object");
        }
        JsonNode signature = approval.get(SignedContent.SIGNATURE);
        if (signature == null || signature.isNull() || (signature.isTextual() && signature.asText().isEmpty())) {
            return ApprovalResult.failed(ApprovalFailure.UNSIGNED, "the approval has no signature");
        }
        JsonNode by = approval.get(ApprovalSigner.APPROVED_BY);
        if (by == null || !by.isTextual() || by.asText().isBlank()) {
            return ApprovalResult.failed(ApprovalFailure.UNKNOWN_APPROVER, "approval.approvedBy is missing");
        }
        String approver = by.asText();
        if (!KeyFiles.isValidName(approver)) {
            // not a name any key file can have: said without quoting it (it is the post's text)
            return ApprovalResult.failed(ApprovalFailure.UNKNOWN_APPROVER, "approval.approvedBy is not an approver name"
                    + " (" + KeyFiles.NAME.pattern() + "), so no approver is trusted under it");
        }
        PublicKey key = keys.find(approver).orElse(null);
        if (key == null) {
            return ApprovalResult.failed(ApprovalFailure.UNKNOWN_APPROVER, "approver " + quote(approver)
                    + " is not trusted: no " + (KeyFiles.isValidName(approver) ? approver : "NAME")
                    + KeyFiles.PUBLIC_SUFFIX + " in " + foldersText());
        }
        if (!signature.isTextual()) {
            return ApprovalResult.failed(ApprovalFailure.BAD_SIGNATURE, "approval.signature must be a base64 string");
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature.asText());
        } catch (IllegalArgumentException e) {
            return ApprovalResult.failed(ApprovalFailure.BAD_SIGNATURE, "approval.signature is not valid base64");
        }
        if (sig.length != SIGNATURE_BYTES) {
            return ApprovalResult.failed(ApprovalFailure.BAD_SIGNATURE, "approval.signature must be "
                    + SIGNATURE_BYTES + " bytes (an Ed25519 signature), but has " + sig.length);
        }
        byte[] content;
        try {
            content = SignedContent.canonicalBytes(post);
        } catch (IllegalArgumentException e) {
            return ApprovalResult.failed(ApprovalFailure.MALFORMED, e.getMessage());
        }
        if (!signatureMatches(content, sig, key)) {
            return ApprovalResult.failed(ApprovalFailure.CONTENT_CHANGED, "the signature by " + quote(approver)
                    + " does not match the post: it was changed after signing, or signed with another key");
        }
        List<String> acknowledged;
        try {
            acknowledged = ApprovalSigner.ruleIds(approval.get(ApprovalSigner.ACKNOWLEDGED));
        } catch (IllegalArgumentException e) {
            return ApprovalResult.failed(ApprovalFailure.MALFORMED, e.getMessage());
        }
        if (policy.maxAge() != null) {
            Instant at = approvedAt(approval.get(ApprovalSigner.APPROVED_AT));
            if (at == null) {
                return ApprovalResult.failed(ApprovalFailure.MALFORMED,
                        "approval.approvedAt must be an ISO-8601 time (approval.maxAge is set)");
            }
            Instant oldest = clock.instant().minus(policy.maxAge());
            if (at.isBefore(oldest)) {
                return ApprovalResult.failed(ApprovalFailure.TOO_OLD, "the approval by " + quote(approver) + " at "
                        + at + " is older than approval.maxAge " + policy.maxAge());
            }
        }
        JsonNode at = approval.get(ApprovalSigner.APPROVED_AT);
        return ApprovalResult.verified(approver, acknowledged, at == null || at.isNull() ? null : at.asText(),
                KeyFiles.fingerprint(key));
    }

    /**
     * Ed25519 by BouncyCastle's lightweight API: about five times faster than the JDK 17 provider's
     * (docs/BENCHMARKS.md), and the same answer: strict decoding, canonical S, 64-byte signatures only.
     */
    private static boolean signatureMatches(byte[] content, byte[] sig, PublicKey key) {
        if (sig.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, RAW_KEYS.computeIfAbsent(key, ApprovalVerifier::raw));
        verifier.update(content, 0, content.length);
        return verifier.verifySignature(sig);
    }

    /** The raw 32 key bytes, the end of the X.509 SubjectPublicKeyInfo encoding. */
    private static Ed25519PublicKeyParameters raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (!KeyFiles.ALGORITHM.equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())
                || encoded == null || encoded.length < Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new IllegalStateException("a trusted key is not an Ed25519 public key");
        }
        return new Ed25519PublicKeyParameters(encoded, encoded.length - Ed25519PublicKeyParameters.KEY_SIZE);
    }

    private static Instant approvedAt(JsonNode at) {
        if (at == null || !at.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(at.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String foldersText() {
        List<Path> folders = keys.folders().isEmpty() ? policy.approverFolders() : keys.folders();
        return folders.isEmpty() ? "the trusted keys"
                : folders.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    /** A name from the input, quoted, shortened and without control characters, safe for one log line. */
    private static String quote(String name) {
        String clean = name.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        if (clean.length() > MAX_NAME_IN_MESSAGE) {
            clean = clean.substring(0, MAX_NAME_IN_MESSAGE) + "...";
        }
        return "'" + clean + "'";
    }
}
