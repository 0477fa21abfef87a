package io.herald.cli;

import io.herald.approval.KeyFileException;
import io.herald.approval.KeyFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code herald keygen NAME [--out DIR]}: makes an approver's Ed25519 key pair. */
@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = {
            "Makes an Ed25519 key pair for an approver: NAME.key (private, keep it secret) and NAME.pub (public).",
            "Copy NAME.pub into config/approvers/ so that Herald trusts NAME's approvals, and sign posts with"
                    + " 'herald approve --key NAME.key'.",
            "Existing files are never overwritten."
        })
public final class KeygenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME",
            description = "The approver's name, [A-Za-z0-9._-]{1,64}; it becomes approval.approvedBy.")
    String name;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the files (default: the current directory).")
    Path out;

    @Override
    public Integer call() {
        if (!KeyFiles.isValidName(name)) {
            throw new UserError("NAME must match " + KeyFiles.NAME.pattern() + ", but was '" + name + "'");
        }
        Path dir = out == null ? Path.of("") : out;
        Path[] written;
        try {
            written = KeyFiles.write(KeyFiles.generate(), dir, name);
        } catch (KeyFileException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println("Wrote the private key " + written[0].toAbsolutePath().normalize()
                + " (readable by you only; keep it secret, never commit it)");
        o.println("Wrote the public key  " + written[1].toAbsolutePath().normalize());
        o.println("Copy " + name + KeyFiles.PUBLIC_SUFFIX + " into config/approvers/ so that Herald trusts approvals by '"
                + name + "', then sign posts with: herald approve --key " + written[0] + " POST_FILE");
        o.flush();
        return 0;
    }
}
