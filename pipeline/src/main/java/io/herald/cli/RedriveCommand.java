package io.herald.cli;

import io.herald.control.ControlCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code herald redrive POST_ID [--target T]}: publishes again deliveries that failed for good. */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = {"Re-drives the deliveries of a post that failed for good (they are on herald.deliveries.dead): they"
                + " go out again now, with their attempts counted afresh, resuming after any steps already done.",
            "Exit 0 when something was re-driven, 3 when nothing of the post had failed, 4 when Herald did not answer in time."})
public final class RedriveCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "POST_ID", description = "The id of the post.")
    String postId;

    @Option(names = "--target", paramLabel = "TARGET", description = "Only this target (platform:account); all failed ones if omitted.")
    String target;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log (at most 500 characters).")
    String reason;

    @Option(names = "--by", paramLabel = "NAME", description = "Who re-drives it, for the audit log (default: your user and host name).")
    String by;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long to wait for Herald's answer on the audit topic: 10s (the default), 500ms, 1m or PT30S.")
    String waitText;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ControlCommand command;
        try {
            command = ControlCommand.parse(ControlCommand.redrive(postId, target, by == null ? ControlClient.whoAmI() : by, reason)
                    .toJson());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        return ControlClient.send(options, command, ControlClient.wait(waitText), waitText, spec.commandLine().getOut());
    }
}
