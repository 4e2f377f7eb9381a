package io.liaison.cli;

import io.liaison.catalog.ShippedCatalog;
import io.liaison.core.error.DomainException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import picocli.CommandLine;

/** The composition root: builds the catalog and services once, then runs the command line. */
public final class Main {
    /** Lucene reports optional CPU features through java.util.logging; they are not the user's concern. */
    private static final java.util.logging.Logger LUCENE_LOG = java.util.logging.Logger.getLogger("org.apache.lucene");

    private Main() {}

    public static void main(String[] args) {
        LUCENE_LOG.setLevel(java.util.logging.Level.SEVERE);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        boolean color = System.console() != null && System.getenv("NO_COLOR") == null;
        System.exit(run(args, System.in, out, err, Clock.systemUTC(), color));
    }

    /** Runs one command; returns the exit code (0 done or allowed, 1 denied or invalid, 2 bad input). */
    public static int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err, Clock clock,
            boolean color) {
        CommandLine cmd;
        try {
            Services services = Services.create(ShippedCatalog.load(), clock, out, err, new Terminal(color));
            cmd = commandLine(services, stdin);
        } catch (DomainException e) {
            err.println("liaison: the shipped catalog is broken: " + e.getMessage());
            err.flush();
            return 2;
        }
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof NodeClient.Refused r) {
                err.println("liaison: " + r.getMessage() + " (HTTP " + r.status + ")");
                err.flush();
                return r.status == 400 || r.status == 413 || r.status == 415 ? 2 : 1;
            }
            if (e instanceof DomainException || e instanceof IllegalArgumentException) {
                err.println("liaison: " + e.getMessage());
                err.flush();
                return 2;
            }
            throw e;
        });
        cmd.setParameterExceptionHandler((e, a) -> {
            err.println("liaison: " + e.getMessage() + " (see: liaison "
                    + String.join(" ", e.getCommandLine().getCommandSpec().qualifiedName(" ").replaceFirst("^liaison ?", ""))
                    + " --help)");
            err.flush();
            return 2;
        });
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine commandLine(Services s, InputStream stdin) {
        return new CommandLine(new LiaisonCommand())
                .addSubcommand(new CommandLine(new PolicyCommand(s)))
                .addSubcommand(new CommandLine(new LabelCommand(s, stdin)))
                .addSubcommand(new CommandLine(new AgreementCommand(s)))
                .addSubcommand(new CommandLine(new DecideCommand(s, stdin)))
                .addSubcommand(new CommandLine(new DemoCommand(s)))
                .addSubcommand(new CommandLine(new InitCommand(s)))
                .addSubcommand(new CommandLine(new ServeCommand(s)))
                .addSubcommand(new CommandLine(new LoginCommand(s, stdin)))
                .addSubcommand(new CommandLine(new UserCommand(s)))
                .addSubcommand(new CommandLine(new ItemCommand(s)))
                .addSubcommand(new CommandLine(new SearchCommand(s)))
                .addSubcommand(new CommandLine(new AuditCommand(s)))
                .addSubcommand(new CommandLine(new IndexCommand(s)))
                .addSubcommand(new CommandLine(new PeerCommand(s)))
                .addSubcommand(new CommandLine(new ConsentCommand(s)))
                .addSubcommand(new CommandLine(new IncidentCommand(s)))
                .addSubcommand(new CommandLine(new OutboxCommand(s)))
                .addSubcommand(new CommandLine(new HotlineCommand(s, stdin)))
                .addSubcommand(new CommandLine(new TrackCommand(s, stdin)));
    }

    @CommandLine.Command(name = "liaison", mixinStandardHelpOptions = true, version = "liaison 0.1.0",
            description = "Executable security-agreement rules: labels, policies, agreements, decisions.",
            subcommandsRepeatable = false)
    static final class LiaisonCommand implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }
}
