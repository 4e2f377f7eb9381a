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

    @Command(mixinStandardHelpOptions = true, name = "check", description = {"Read any Open XML SPIF 2.1 file and",
            "summarise it, or refuse it with the precise reason (a file that is not well-formed, a duplicate, a",
            "reference to nothing). Exit 0 when it reads, 2 when it is refused."})
    int check(@Parameters(paramLabel = "FILE", description = "a SPIF file") String file) {
        io.liaison.core.spif.Spif spif = io.liaison.catalog.spif.Spif21Reader.read(Inputs.read(file, java.io.InputStream.nullInputStream(),
                io.liaison.catalog.spif.PolicyFile.MAX_BYTES), Inputs.source(file));
        s.out().println(spif.policy().name() + " (" + spif.policy().oid() + ")" + spif.creationDate()
                .map(d -> ", created " + d).orElse(""));
        s.out().println("  classifications: " + String.join(", ", spif.levels().stream().map(l -> l.name() + " ("
                + l.lacv() + ", rank " + l.hierarchy() + l.colour().map(c -> ", " + c).orElse("") + ")").toList()));
        for (io.liaison.core.spif.Spif.TagSet set : spif.tagSets()) {
            s.out().println("  tag set " + set.name() + " (" + set.oid() + "): " + String.join(", ", set.tags().stream()
                    .map(t -> t.name() + " " + t.type().written() + t.enumType().map(e -> " " + e.written()).orElse("")
                            + " with " + t.categories().size() + " values").toList()));
        }
        if (!spif.equivalentPolicies().isEmpty()) {
            s.out().println("  equivalent policies: " + String.join(", ", spif.equivalentPolicies().stream()
                    .map(e -> e.id().name() + " (" + e.id().oid() + ")").toList()));
        }
        return 0;
    }
}
