package io.liaison.catalog;

import io.liaison.catalog.json.AgreementJson;
import io.liaison.catalog.spif.PolicyFile;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.policy.SecurityPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog shipped with Liaison: the SPIF files of the five policies (kor, jpn, usa, nato, tlp) and
 * the four agreements, read from the classpath and cross-checked.
 */
public final class ShippedCatalog {
    public static final List<String> POLICIES = List.of("kor", "jpn", "usa", "nato", "tlp");
    public static final List<String> AGREEMENTS =
            List.of("jpn-kor-gsomia-2016", "usa-kor-gsa-1987", "usa-jpn-gsomia-2007", "tisa-2014");
    private static final String ROOT = "/io/liaison/catalog/";

    private ShippedCatalog() {}

    public static Catalog load() {
        List<SecurityPolicy> policies = new ArrayList<>();
        for (PolicyFile f : Files.ALL.values()) {
            policies.add(f.policy(java.util.Optional.empty()));
        }
        List<Agreement> agreements = new ArrayList<>();
        for (String id : AGREEMENTS) {
            agreements.add(AgreementJson.read(resource("agreements/" + id + ".json"), id + ".json"));
        }
        return new Catalog(policies, agreements);
    }

    /** A shipped policy's SPIF file, read, e.g. {@code kor}. */
    public static PolicyFile policyFile(String id) {
        PolicyFile f = Files.ALL.get(id);
        if (f == null) {
            throw new IllegalArgumentException("policy " + id + " is not shipped (" + String.join(", ", POLICIES) + ")");
        }
        return f;
    }

    /** The shipped policies' files by id, in catalog order. */
    public static java.util.Map<String, PolicyFile> policyFiles() {
        return Files.ALL;
    }

    /** The shipped files, read once, when first asked for (they are immutable values). */
    private static final class Files {
        static final java.util.Map<String, PolicyFile> ALL = read();

        private static java.util.Map<String, PolicyFile> read() {
            java.util.Map<String, PolicyFile> out = new java.util.LinkedHashMap<>();
            for (String id : POLICIES) {
                out.put(id, PolicyFile.read(resource("policies/" + id + ".xml"), id + ".xml"));
            }
            return java.util.Collections.unmodifiableMap(out);
        }
    }

    /** The raw bytes of a shipped file, e.g. {@code policies/kor.xml}. */
    public static byte[] resource(String path) {
        try (InputStream in = ShippedCatalog.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("shipped catalog file " + path + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
