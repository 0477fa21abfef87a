package io.herald.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.approval.ApprovalSigner;
import io.herald.approval.KeyFileException;
import io.herald.approval.KeyFiles;
import io.herald.approval.SignedContent;
import io.herald.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code herald approve --key FILE [--acknowledge RULE,...] [--compact] POST_FILE|-}: prints the post
 * signed. The approver's name is the key file's base name ({@code compliance-officer.key} signs as
 * {@code compliance-officer}).
 */
@Command(
        name = "approve",
        mixinStandardHelpOptions = true,
        description = {
            "Signs a post as its approver and prints it: approval.approvedBy (the key file's base name),",
            "approval.approvedAt (now, UTC) and approval.signature (Ed25519 over the canonical JSON of the",
            "post). Any approval.acknowledged rule ids are kept and signed too.",
            "Change nothing in the post after signing: any change makes it fail verification."
        })
public final class ApproveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE",
            description = "The approver's private key, NAME.key (from 'herald keygen NAME').")
    Path key;

    @Option(names = "--acknowledge", split = ",", paramLabel = "RULE",
            description = "Rule ids of compliance findings the approver accepts for this post (comma-separated, repeatable).")
    List<String> acknowledge = new ArrayList<>();

    @Option(names = "--compact", description = "Print the signed post on one line (default: pretty-printed).")
    boolean compact;

    @Parameters(index = "0", paramLabel = "POST_FILE", description = "The post JSON file, or - for standard input.")
    String postFile;

    /** Where "now" comes from. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrivateKey privateKey = readKey();
        String approver;
        try {
            approver = KeyFiles.approverName(key, KeyFiles.PRIVATE_SUFFIX);
        } catch (KeyFileException e) {
            throw new UserError("--key " + e.getMessage());
        }
        String source = "-".equals(postFile) ? "standard input" : postFile;
        ObjectNode post = readPost(source);
        ObjectNode signed;
        try {
            signed = ApprovalSigner.sign(post, privateKey, approver, clock.instant(), acknowledge);
        } catch (IllegalArgumentException e) {
            String option = e.getMessage() != null && e.getMessage().startsWith("a rule id") ? "--acknowledge: " : source + ": ";
            throw new UserError(option + e.getMessage());
        }
        JsonNode previous = post.path(SignedContent.APPROVAL).path(ApprovalSigner.APPROVED_BY);
        if (previous.isTextual() && !previous.asText().equals(approver)) {
            spec.commandLine().getErr().println("herald: note: replacing the approval by '" + previous.asText() + "'");
            spec.commandLine().getErr().flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.println(compact ? Json.mapper().writeValueAsString(signed)
                    : Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(signed));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
        return 0;
    }

    private PrivateKey readKey() {
        if (!Files.exists(key)) {
            throw new UserError("--key " + key + ": no such file");
        }
        try {
            return KeyFiles.readPrivate(key);
        } catch (KeyFileException e) {
            throw new UserError("--key " + e.getMessage());
        }
    }

    private ObjectNode readPost(String source) {
        byte[] bytes;
        try {
            if ("-".equals(postFile)) {
                InputStream in = System.in;
                bytes = in.readAllBytes();
            } else {
                bytes = Files.readAllBytes(Path.of(postFile));
            }
        } catch (NoSuchFileException e) {
            throw new UserError(source + ": no such file");
        } catch (IOException e) {
            throw new UserError(source + ": cannot read: " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
        }
        JsonNode tree;
        try {
            tree = SignedContent.parse(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new UserError(source + ": not valid JSON" + where + ": "
                    + String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " "));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new UserError(source + ": empty; expected a post (a JSON object)");
        }
        if (!tree.isObject()) {
            throw new UserError(source + ": a post must be a JSON object");
        }
        return (ObjectNode) tree;
    }
}
