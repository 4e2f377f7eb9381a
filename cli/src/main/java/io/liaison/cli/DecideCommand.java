package io.liaison.cli;

import io.liaison.catalog.json.DecisionJson;
import io.liaison.catalog.json.RequestJson;
import io.liaison.core.decision.Decision;
import java.io.InputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code liaison decide}: a request as JSON in, the decision as JSON out. Exit 0 allowed, 1 denied, 2 bad input. */
@Command(name = "decide", mixinStandardHelpOptions = true,
        description = {"Decide a read, release or onward-release request given as JSON (file or - for stdin).",
                "Prints the decision as JSON. Exit codes: 0 allowed, 1 denied, 2 bad input."})
final class DecideCommand implements java.util.concurrent.Callable<Integer> {
    private final Services s;
    private final InputStream stdin;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "request JSON, or - for stdin (default)")
    String file;

    DecideCommand(Services s, InputStream stdin) {
        this.s = s;
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        var request = s.requests().read(Inputs.read(file, stdin, RequestJson.MAX_BYTES), Inputs.source(file));
        Decision d = s.engine().decide(request);
        s.out().println(DecisionJson.write(d));
        return d.allowed() ? 0 : 1;
    }
}
