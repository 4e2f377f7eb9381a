package io.liaison.cli;

import io.liaison.core.policy.CategoryTag;
import io.liaison.core.policy.Classification;
import io.liaison.core.policy.SecurityPolicy;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code liaison policy list|show}: the shipped policies, their levels, colours and categories. */
@Command(name = "policy", description = "List and show the security policies in the catalog.",
        mixinStandardHelpOptions = true)
final class PolicyCommand {
    private final Services s;

    PolicyCommand(Services s) {
        this.s = s;
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List the policies.")
    int list() {
        for (SecurityPolicy p : s.catalog().policies()) {
            s.out().printf("%-5s %-10s owner %-6s levels: %s%n", p.id(), p.name(), p.owner(), p.levelNames());
        }
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "Show a policy's levels, colours, markings and category tags.")
    int show(@Parameters(paramLabel = "ID", description = "policy id, e.g. kor") String id) {
        SecurityPolicy p = s.catalog().requirePolicy(id);
        s.out().println(s.terminal().bold(p.name()) + " (" + p.id() + ", owner " + p.owner()
                + p.oid().map(o -> ", OID " + o).orElse("") + ")");
        print(s, p);
        return 0;
    }

    static void print(Services s, SecurityPolicy p) {
        for (Classification c : p.levels().reversed()) {
            List<String> other = c.banner().byLanguage().values().stream().skip(1).toList();
            s.out().printf("  %s %s  portion %s  colour %s on %s%n", s.terminal().banner(c, c.banner().primary()),
                    other.isEmpty() ? "" : "(" + String.join(", ", other) + ")", c.portion().primary(), c.textColor().hex(),
                    c.color().hex());
        }
        for (CategoryTag t : p.tags()) {
            s.out().printf("  category %s (%s%s): %s%n", t.tagSet(), t.type(), t.holdsNationality() ? ", nationality" : "",
                    String.join(", ", t.values().stream().map(v -> v.name()).toList()));
        }
    }
}
