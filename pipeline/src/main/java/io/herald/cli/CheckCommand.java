package io.herald.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder, replaced by the real command. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "(not yet implemented)")
public final class CheckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("check is not implemented yet");
    }
}
