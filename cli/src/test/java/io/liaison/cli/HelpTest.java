package io.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** Asking any command how to call it works, even one with required parameters ({@code item add --help}). */
@Timeout(120)
class HelpTest {

    private static void collect(CommandLine command, List<String> path, List<List<String>> out) {
        out.add(path);
        for (CommandLine sub : new LinkedHashSet<>(command.getSubcommands().values())) {
            List<String> next = new ArrayList<>(path);
            next.add(sub.getCommandName());
            collect(sub, next, out);
        }
    }

    @Test
    void everyCommandAndSubcommand_answersHelp() {
        Services s = Services.create(io.liaison.catalog.ShippedCatalog::load, Cli.CLOCK,
                new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new Terminal(false));
        List<List<String>> commands = new ArrayList<>();
        collect(Main.commandLine(s, java.io.InputStream.nullInputStream()), List.of(), commands);
        assertThat(commands).hasSizeGreaterThan(60)
                .contains(List.of("item", "add"), List.of("item", "release"), List.of("user", "add"),
                        List.of("peer", "add"), List.of("hotline", "send"));
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Cli help = Cli.run(args.toArray(String[]::new));
            assertThat(help.exit()).as(String.join(" ", args) + ": " + help.err()).isZero();
            assertThat(help.out()).as(String.join(" ", args)).startsWith("Usage: liaison" + (command.isEmpty() ? ""
                    : " " + String.join(" ", command)));
        }
    }
}
