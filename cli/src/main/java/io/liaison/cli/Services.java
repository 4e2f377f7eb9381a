package io.liaison.cli;

import io.liaison.catalog.json.RequestJson;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.decision.DecisionEngine;
import io.liaison.core.translation.Translator;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * What the commands work with, built once by {@link Main}: the catalog, the application services, the
 * clock, and the output streams.
 */
record Services(Catalog catalog, Translator translator, DecisionEngine engine, RequestJson requests, Clock clock,
        PrintWriter out, PrintWriter err, Terminal terminal) {

    static Services create(Catalog catalog, Clock clock, PrintWriter out, PrintWriter err, Terminal terminal) {
        return new Services(catalog, new Translator(catalog), new DecisionEngine(catalog), new RequestJson(catalog),
                clock, out, err, terminal);
    }
}
