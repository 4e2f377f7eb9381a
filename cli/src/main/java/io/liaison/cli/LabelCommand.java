package io.liaison.cli;

import io.liaison.catalog.json.Json;
import io.liaison.catalog.label.LabelRole;
import io.liaison.catalog.label.LabelXml;
import io.liaison.catalog.label.ParsedLabel;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.agreement.AgreementId;
import io.liaison.core.decision.Decision;
import io.liaison.core.label.BannerParser;
import io.liaison.core.label.LabelValidator;
import io.liaison.core.label.Markings;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.translation.Translation;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code liaison label parse|render|validate|translate} on ADatP-4774 XML files, stdin, or banners. */
@Command(name = "label", description = "Parse, render, validate and translate security labels.",
        mixinStandardHelpOptions = true)
final class LabelCommand {
    private final Services s;
    private final InputStream stdin;

    LabelCommand(Services s, InputStream stdin) {
        this.s = s;
        this.stdin = stdin;
    }

    @Command(mixinStandardHelpOptions = true, name = "parse", description = {"Read an ADatP-4774 label (file or - for stdin) and print it as JSON,",
            "or parse a banner line (--banner) into ADatP-4774 XML."})
    int parse(@Parameters(paramLabel = "FILE", arity = "0..1", description = "label XML, or - for stdin") String file,
            @Option(names = "--banner", description = "a banner line, e.g. 'SECRET//REL TO USA, JPN'") String banner,
            @Option(names = "--policy", defaultValue = "usa", description = "policy of the banner (default: usa)")
            String policyId,
            @Option(names = "--originator", description = "originator of the banner's label (default: policy owner)")
            String originator) {
        if (banner != null) {
            SecurityPolicy policy = s.catalog().requirePolicy(policyId);
            Party who = originator == null ? policy.owner() : Party.of(originator);
            SecurityLabel label = BannerParser.parse(banner, policy, who, s.clock().instant());
            s.out().print(LabelXml.write(label, LabelRole.ORIGINATOR));
            return 0;
        }
        ParsedLabel parsed = read(file);
        SecurityLabel l = parsed.label();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", parsed.role().element());
        m.put("policy", l.policy().name());
        l.policy().uri().ifPresent(u -> m.put("policyUri", u));
        m.put("classification", l.classification());
        l.privacyMark().ifPresent(p -> m.put("privacyMark", p));
        m.put("categories", l.categories().stream().map(c -> Map.of("tag", c.tagName(), "type", c.type().name(),
                "values", c.values())).toList());
        l.originator().ifPresent(o -> m.put("originator", o.code()));
        l.creationTime().ifPresent(t -> m.put("created", t.toString()));
        l.reviewAt().ifPresent(r -> m.put("review", r.toString()));
        s.out().println(Json.write(m));
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "render", description = "Print the banner, portion marking and colours of a label.")
    int render(@Parameters(paramLabel = "FILE", arity = "0..1", description = "label XML, or - for stdin") String file,
            @Option(names = "--lang", defaultValue = "", description = "marking language, e.g. en (default: the policy's own)")
            String lang) {
        SecurityLabel label = read(file).label();
        SecurityPolicy policy = s.catalog().requirePolicyFor(label.policy());
        Markings.Rendered r = Markings.render(label, policy, lang);
        s.out().println("banner:  " + s.terminal().banner(r.level(), r.banner()));
        s.out().println("portion: " + r.portion());
        s.out().println("colour:  " + r.level().textColor().hex() + " on " + r.level().color().hex());
        s.out().println("policy:  " + policy.id() + " (" + policy.name() + ")");
        return 0;
    }

    @Command(mixinStandardHelpOptions = true, name = "validate", description = "Validate a label against its policy; exit 0 valid, 1 invalid.")
    int validate(@Parameters(paramLabel = "FILE", arity = "0..1", description = "label XML, or - for stdin") String file) {
        SecurityLabel label = read(file).label();
        Optional<SecurityPolicy> policy = s.catalog().policyFor(label.policy());
        if (policy.isEmpty()) {
            s.out().println("invalid: PolicyIdentifier '" + label.policy().name() + "' names no policy in the catalog");
            return 1;
        }
        List<String> problems = LabelValidator.problems(label, policy.get());
        if (problems.isEmpty()) {
            s.out().println("valid: " + Markings.banner(label, policy.get()) + " (policy " + policy.get().id() + ")");
            return 0;
        }
        problems.forEach(p -> s.out().println("invalid: " + p + " (R1)"));
        return 1;
    }

    @Command(mixinStandardHelpOptions = true, name = "translate", description = {"Translate a label for the receiving party under an agreement (R2, R3).",
            "Give a label file, or --classification with --originator."})
    int translate(@Parameters(paramLabel = "FILE", arity = "0..1", description = "label XML, or - for stdin") String file,
            @Option(names = "--agreement", required = true, description = "agreement id") String agreementId,
            @Option(names = "--to", required = true, description = "receiving party, e.g. KOR") String to,
            @Option(names = "--from", description = "sending party (default: the label's originator)") String from,
            @Option(names = "--classification", description = "level in the sender's policy") String classification,
            @Option(names = "--originator", description = "originating party, with --classification") String originator,
            @Option(names = "--xml", description = "print the alternativeConfidentialityLabel") boolean xml) {
        Agreement a = s.catalog().requireAgreement(AgreementId.of(agreementId));
        SecurityLabel label;
        if (classification != null) {
            if (originator == null) {
                throw new IllegalArgumentException("--classification needs --originator");
            }
            Party origin = Party.of(originator);
            Party sender = from == null ? origin : Party.of(from);
            String policyId = a.policyOf(sender).orElseThrow(() -> new IllegalArgumentException(
                    sender + " is not a party to agreement " + a.id()));
            SecurityPolicy policy = s.catalog().requirePolicy(policyId);
            label = SecurityLabel.of(new PolicyIdentifier(policy.name(), policy.oid().map(o -> "urn:oid:" + o)),
                    policy.canonicalLevel(classification), origin, s.clock().instant());
        } else {
            label = read(file).label();
        }
        Party sender = from != null ? Party.of(from) : label.originator().orElseThrow(() ->
                new IllegalArgumentException("the label has no OriginatorID; give --from"));
        Translation t = s.translator().translate(label, sender, Party.of(to), a.id(), s.clock().instant());
        return switch (t) {
            case Translation.Marked m -> {
                if (xml) {
                    s.out().print(LabelXml.write(m.equivalent(), LabelRole.ALTERNATIVE));
                } else {
                    s.out().println(m.marking());
                    s.out().println("  originator label kept: " + m.originatorLabel().classification() + " ("
                            + m.originatorLabel().policy().name() + ")");
                    s.out().println("  equivalent (" + m.row().from() + " " + m.row().fromLevel() + " -> " + m.row().to()
                            + " " + m.row().toLevel() + (m.row().article().isEmpty() ? "" : ", " + m.row().article())
                            + ")");
                    s.out().println("  basis: " + m.basis());
                }
                yield 0;
            }
            case Translation.Refused r -> {
                printRefusal(r.decision());
                yield 1;
            }
        };
    }

    private void printRefusal(Decision d) {
        s.out().println("refused: " + d.message());
        s.out().println("  code " + d.code() + ", rule " + d.rule());
    }

    private ParsedLabel read(String file) {
        return LabelXml.read(Inputs.read(file, stdin, LabelXml.MAX_BYTES), Inputs.source(file));
    }

    @Command(mixinStandardHelpOptions = true, name = "mark", description = {"Mark a label or clearance as a SPIF says:",
            "read it in any encoding (spiffing's XML, ADatP-4774 XML, ESS BER) against the SPIF files given, print",
            "whether it is valid (with each reason) and its marking in a language. Exit 0 valid, 1 not valid."})
    int mark(@Parameters(paramLabel = "FILE", description = "the label or clearance, or - for stdin") String file,
            @Option(names = "--spif", required = true, paramLabel = "SPIF", description = "a SPIF 2.1 file; repeat for "
                    + "several (equivalent policies, a label and clearance of different policies)") List<String> spifs,
            @Option(names = "--lang", paramLabel = "LANG", description = "the marking's language, e.g. fr or fr-CA "
                    + "(falls back to the primary language, then to the untagged phrases)") String lang,
            @Option(names = "--der", paramLabel = "OUT", description = "also write it as an ESS security label or "
                    + "clearance in DER (RFC 2634, RFC 5755; ACP-145 categories)") java.nio.file.Path der)
            throws java.io.IOException {
        Map<String, io.liaison.core.spif.Spif> policies = new LinkedHashMap<>();
        for (String f : spifs) {
            io.liaison.core.spif.Spif spif = io.liaison.catalog.spif.Spif21Reader.read(Inputs.read(f, stdin,
                    io.liaison.catalog.spif.PolicyFile.MAX_BYTES), Inputs.source(f));
            policies.put(spif.policy().oid(), spif);
            policies.put(spif.policy().name(), spif);
        }
        io.liaison.core.spif.SpifLabel label = io.liaison.catalog.spif.SpifLabels.read(Inputs.read(file, stdin,
                256 * 1024), Inputs.source(file), k -> Optional.ofNullable(policies.get(k)));
        io.liaison.core.spif.Spif spif = Optional.ofNullable(policies.get(label.policyOid())).orElseThrow(() ->
                new io.liaison.core.error.InvalidInputException("POLICY_UNKNOWN", "Unknown policy id: "
                        + label.policyOid() + " (give its SPIF with --spif)"));
        if (der != null) {
            java.nio.file.Files.write(der, io.liaison.catalog.spif.EssLabels.write(label, spif));
            s.out().println(der + ": the " + (label.kind() == io.liaison.core.spif.SpifLabel.Kind.CLEARANCE ? "clearance"
                    : "label") + " in DER");
        }
        if (label.kind() == io.liaison.core.spif.SpifLabel.Kind.CLEARANCE) {
            s.out().println("clearance of " + spif.policy().name() + ": " + io.liaison.core.spif.SpifMarkings
                    .clearanceMarking(spif, label, Optional.ofNullable(lang)));
            return 0;
        }
        List<String> problems = io.liaison.core.spif.SpifValidity.problems(spif, label);
        s.out().println(problems.isEmpty() ? "valid under " + spif.policy().name() : "NOT valid under "
                + spif.policy().name() + ": " + String.join("; ", problems));
        s.out().println(io.liaison.core.spif.SpifMarkings.marking(spif, label, Optional.ofNullable(lang)));
        return problems.isEmpty() ? 0 : 1;
    }
}
