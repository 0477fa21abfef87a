package io.herald.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder, replaced by the real command. */
@Command(name = "submit", mixinStandardHelpOptions = true, description = "(not yet implemented)")
public final class SubmitCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("submit is not implemented yet");
    }
}
