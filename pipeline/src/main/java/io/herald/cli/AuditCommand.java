package io.herald.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder, replaced by the real command. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "(not yet implemented)")
public final class AuditCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("audit is not implemented yet");
    }
}
