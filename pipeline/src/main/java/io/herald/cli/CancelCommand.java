package io.herald.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder, replaced by the real command. */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "(not yet implemented)")
public final class CancelCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("cancel is not implemented yet");
    }
}
