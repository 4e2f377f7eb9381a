package io.liaison.cli;

import io.liaison.catalog.json.RequestJson;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.decision.DecisionEngine;
import io.liaison.core.translation.Translator;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What the commands work with, built once by {@link Main}: the catalog and the services over it, the clock, and the
 * output streams. The catalog is loaded the first time a command asks for it: most commands only call a node, and
 * each is a process of its own, so they should not pay for it.
 */
final class Services {
    private final Supplier<Catalog> load;
    private final Clock clock;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Terminal terminal;
    private Loaded loaded;

    private record Loaded(Catalog catalog, Translator translator, DecisionEngine engine, RequestJson requests) {}

    private Services(Supplier<Catalog> load, Clock clock, PrintWriter out, PrintWriter err, Terminal terminal) {
        this.load = load;
        this.clock = clock;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    static Services create(Supplier<Catalog> catalog, Clock clock, PrintWriter out, PrintWriter err, Terminal terminal) {
        return new Services(catalog, clock, out, err, terminal);
    }

    private synchronized Loaded loaded() {
        if (loaded == null) {
            Catalog c = load.get();
            loaded = new Loaded(c, new Translator(c), new DecisionEngine(c), new RequestJson(c));
        }
        return loaded;
    }

    Catalog catalog() {
        return loaded().catalog();
    }

    Translator translator() {
        return loaded().translator();
    }

    DecisionEngine engine() {
        return loaded().engine();
    }

    RequestJson requests() {
        return loaded().requests();
    }

    Clock clock() {
        return clock;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    Terminal terminal() {
        return terminal;
    }
}
