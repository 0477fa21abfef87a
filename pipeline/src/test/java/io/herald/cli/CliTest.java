package io.herald.cli;

import static io.herald.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The command line as a whole: help, version, and mistakes in the command line itself. */
class CliTest {

    /** Every command and subcommand, as typed: "submit", "audit replay", ... (not "help"). */
    static Stream<String> commands() {
        List<String> out = new ArrayList<>();
        collect(HeraldCli.commandLine(), "", out);
        return out.stream();
    }

    private static void collect(CommandLine cl, String prefix, List<String> out) {
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                out.add(prefix + name);
                collect(sub, prefix + name + " ", out);
            }
        });
    }

    @Test
    void shouldKnowTheDocumentedCommands() {
        assertThat(commands()).contains("run", "submit", "cancel", "held", "preview", "check", "approve", "keygen", "audit",
                "audit replay", "audit verify", "sandbox", "sandbox posts");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void shouldPrintUsageAndExitZeroForHelpOnEveryCommand(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");

        CommandRun run = run(args.toArray(String[]::new));

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("Usage: herald " + command);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void shouldDescribeEveryCommandInWholeSentences(String command) {
        CommandLine cl = HeraldCli.commandLine();
        for (String part : command.split(" ")) {
            cl = cl.getSubcommands().get(part);
        }
        String[] description = cl.getCommandSpec().usageMessage().description();

        assertThat(description).isNotEmpty();
        // the first line is what 'herald --help' lists: a sentence of its own
        assertThat(description[0]).matches("[A-Z].*[.]");
        for (String line : description) {
            assertThat(line).as(command).matches("[A-Z'].*[.)]");
        }
        cl.getCommandSpec().options().forEach(o -> {
            String d = String.join(" ", o.description());
            assertThat(d).as(command + " " + o.longestName()).matches("[A-Z].*[.)]");
        });
    }

    @ParameterizedTest
    @MethodSource("commands")
    void shouldOfferBootstrapOnlyOnCommandsThatTalkToKafka(String command) {
        boolean kafka = List.of("run", "submit", "cancel", "held", "audit replay", "audit verify", "audit report", "redrive", "resolve", "retract").contains(command);
        CommandLine cl = HeraldCli.commandLine();
        for (String part : command.split(" ")) {
            cl = cl.getSubcommands().get(part);
        }

        assertThat(cl.getCommandSpec().findOption("--bootstrap") != null).as(command).isEqualTo(kafka);
    }

    @Test
    void shouldListEveryCommandInTheTopLevelHelpWithoutCuttingASentence() {
        CommandRun run = run("--help");

        String commands = run.out().substring(run.out().indexOf("Commands:"));
        for (String entry : commands.split("\n  (?=[a-z])")) {
            if (!entry.startsWith("Commands:")) {
                assertThat(entry.strip().replaceAll("\\s+", " ")).matches("[a-z]+ [A-Z].*[.]");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void shouldRefuseAnUnknownOptionWithAHintAtHelp(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--no-such-option");

        CommandRun run = run(args.toArray(String[]::new));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        // picocli names a missing required parameter first where there is one
        assertThat(run.err()).startsWith("herald: ").endsWith("Try 'herald " + command + " --help'.\n");
    }

    @Test
    void shouldNameTheUnknownOption() {
        CommandRun run = run("submit", "--sandbox", "post.json");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("herald: Unknown option: '--sandbox'\nTry 'herald submit --help'.\n");
    }

    @Test
    void shouldPrintTheUsageWithoutACommand() {
        CommandRun run = run();

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Usage: herald").contains("submit").contains("preview");
    }

    @Test
    void shouldRefuseAnUnknownCommand() {
        CommandRun run = run("publish");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("publish").endsWith("Try 'herald --help'.\n");
    }

    @Test
    void shouldPrintItsVersion() {
        CommandRun run = run("--version");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("herald ");
    }

    @Test
    void shouldGiveHelpOnACommandThroughTheHelpCommand() {
        CommandRun run = run("help", "submit");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Usage: herald submit");
    }
}
