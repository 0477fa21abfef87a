package io.herald.cli;

import io.herald.control.ControlCommand;
import io.herald.store.DeliveryStore.Resolution;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code herald resolve POST_ID --target T (--published REMOTE_ID | --retry | --abandon)}: a person settles an UNKNOWN_OUTCOME. */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = {"Settles a delivery left UNKNOWN_OUTCOME (an attempt was cut short on a network that can neither"
                + " de-duplicate nor be read back), once you have checked the account: it was published (give its id),"
                + " publish it again, or give it up. Audited with who and why.",
            "Exit 0 when it was settled, 3 when that delivery is not an unknown outcome, 4 when Herald did not answer in time."})
public final class ResolveCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "POST_ID", description = "The id of the post.")
    String postId;

    @Option(names = "--target", required = true, paramLabel = "TARGET", description = "The target (platform:account) to settle.")
    String target;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {
        @Option(names = "--published", paramLabel = "REMOTE_ID", description = "It is on the account, with this id.")
        String publishedAs;

        @Option(names = "--retry", description = "It is not on the account: publish it again now.")
        boolean retry;

        @Option(names = "--abandon", description = "Give it up (FAILED).")
        boolean abandon;
    }

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log (at most 500 characters).")
    String reason;

    @Option(names = "--by", paramLabel = "NAME", description = "Who settles it, for the audit log (default: your user and host name).")
    String by;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long to wait for Herald's answer on the audit topic: 10s (the default), 500ms, 1m or PT30S.")
    String waitText;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Resolution resolution = choice.publishedAs != null ? Resolution.PUBLISHED : choice.retry ? Resolution.RETRY : Resolution.ABANDON;
        ControlCommand command;
        try {
            command = ControlCommand.parse(ControlCommand.resolve(postId, target, resolution, choice.publishedAs,
                    by == null ? ControlClient.whoAmI() : by, reason).toJson());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        return ControlClient.send(options, command, ControlClient.wait(waitText), waitText, spec.commandLine().getOut());
    }
}
