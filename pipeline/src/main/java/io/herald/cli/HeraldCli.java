package io.herald.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./herald} command line. */
@Command(
        name = "herald",
        mixinStandardHelpOptions = true,
        versionProvider = HeraldCli.Version.class,
        description = "Compliance-gated publishing pipeline for healthcare social media.",
        subcommands = {
            RunCommand.class,
            SubmitCommand.class,
            CancelCommand.class,
            HeldCommand.class,
            AccountsCommand.class,
            RedriveCommand.class,
            ResolveCommand.class,
            ScheduleCommand.class,
            RetractCommand.class,
            PreviewCommand.class,
            CheckCommand.class,
            ApproveCommand.class,
            KeygenCommand.class,
            AuditCommand.class,
            SandboxCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class HeraldCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; what tests call. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HeraldCli());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof UserError) {
                err.println("herald: " + ex.getMessage());
                err.flush();
                return 2;
            }
            org.slf4j.LoggerFactory.getLogger(HeraldCli.class).debug("command failed", ex);
            err.println("herald: " + commandLine.getCommandName() + " failed: " + oneLine(ex));
            err.flush();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("herald: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return 2;
        });
        return cl;
    }

    private static String oneLine(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return msg.replaceAll("\\s+", " ");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = HeraldCli.class.getPackage().getImplementationVersion();
            return new String[] {"herald " + (v == null ? "dev" : v)};
        }
    }
}
