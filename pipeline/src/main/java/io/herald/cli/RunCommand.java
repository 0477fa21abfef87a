package io.herald.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder, replaced by the real command. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "(not yet implemented)")
public final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("run is not implemented yet");
    }
}
