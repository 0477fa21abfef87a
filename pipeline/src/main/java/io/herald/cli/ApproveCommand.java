package io.herald.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder, replaced by the real command. */
@Command(name = "approve", mixinStandardHelpOptions = true, description = "(not yet implemented)")
public final class ApproveCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("approve is not implemented yet");
    }
}
