package io.herald.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder, replaced by the real command. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, description = "(not yet implemented)")
public final class SandboxCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("sandbox is not implemented yet");
    }
}
