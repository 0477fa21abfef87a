package io.herald.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder, replaced by the real command. */
@Command(name = "keygen", mixinStandardHelpOptions = true, description = "(not yet implemented)")
public final class KeygenCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("keygen is not implemented yet");
    }
}
