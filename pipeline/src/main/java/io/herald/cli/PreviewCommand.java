package io.herald.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder, replaced by the real command. */
@Command(name = "preview", mixinStandardHelpOptions = true, description = "(not yet implemented)")
public final class PreviewCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("preview is not implemented yet");
    }
}
