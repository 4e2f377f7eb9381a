package io.liaison.cli;

import io.liaison.catalog.ShippedCatalog;
import io.liaison.core.error.DomainException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
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
        Services services = Services.create(() -> {
            try {
                return ShippedCatalog.load();
            } catch (DomainException e) {
                throw new io.liaison.core.error.InvalidInputException(e.code(), "the shipped catalog is broken: " + e.getMessage());
            }
        }, clock, out, err, new Terminal(color));
        CommandLine cmd = commandLine(services, stdin, args.length > 0 ? args[0] : null);
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
        return commandLine(s, stdin, null);
    }

    /**
     * The command line; with {@code only} naming one of the commands, that command alone is built (picocli reads
     * every annotated method of a command when it is built, which costs tens of milliseconds each, and each CLI call
     * is a process of its own); otherwise all of them, as the overview in {@code liaison --help} needs.
     */
    static CommandLine commandLine(Services s, InputStream stdin, String only) {
        Map<String, java.util.function.Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("policy", () -> new PolicyCommand(s));
        commands.put("label", () -> new LabelCommand(s, stdin));
        commands.put("agreement", () -> new AgreementCommand(s));
        commands.put("decide", () -> new DecideCommand(s, stdin));
        commands.put("conformance", () -> new ConformanceCommand(s));
        commands.put("demo", () -> new DemoCommand(s));
        commands.put("init", () -> new InitCommand(s));
        commands.put("serve", () -> new ServeCommand(s));
        commands.put("login", () -> new LoginCommand(s, stdin));
        commands.put("user", () -> new UserCommand(s));
        commands.put("approval", () -> new ApprovalCommand(s));
        commands.put("item", () -> new ItemCommand(s));
        commands.put("search", () -> new SearchCommand(s));
        commands.put("audit", () -> new AuditCommand(s));
        commands.put("index", () -> new IndexCommand(s));
        commands.put("peer", () -> new PeerCommand(s));
        commands.put("consent", () -> new ConsentCommand(s));
        commands.put("incident", () -> new IncidentCommand(s));
        commands.put("visit", () -> new VisitCommand(s));
        commands.put("contractor", () -> new ContractorCommand(s));
        commands.put("exercise", () -> new ExerciseCommand(s));
        commands.put("aircraft", () -> new AircraftCommand(s));
        commands.put("maritime", () -> new MaritimeCommand(s, stdin));
        commands.put("outbox", () -> new OutboxCommand(s));
        commands.put("hotline", () -> new HotlineCommand(s, stdin));
        commands.put("track", () -> new TrackCommand(s, stdin));
        CommandLine root = new CommandLine(new LiaisonCommand());
        boolean one = only != null && commands.containsKey(only);
        commands.forEach((name, command) -> {
            if (!one || name.equals(only)) {
                root.addSubcommand(new CommandLine(command.get()));
            }
        });
        return root;
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
