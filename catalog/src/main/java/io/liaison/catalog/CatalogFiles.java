package io.liaison.catalog;

import io.liaison.catalog.json.AgreementJson;
import io.liaison.catalog.spif.PolicyFile;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.policy.SecurityPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A deployment's catalog: the shipped one and, beside it, the files of a catalog directory, {@code policies/*.xml}
 * (SPIF 2.1) and {@code agreements/*.json} (the shipped agreements' format), e.g. a coalition's generated bilateral
 * agreements and its members' policies. The whole is cross-checked as one {@link Catalog}: a policy or agreement id
 * given twice, an agreement naming a policy that is not there or a level outside its policy, is refused naming the
 * file.
 */
public record CatalogFiles(Map<String, PolicyFile> policyFiles, List<Agreement> agreements) {
    /** At most this many files in each of the two folders. */
    public static final int MAX_FILES = 4_096;

    public CatalogFiles {
        policyFiles = Collections.unmodifiableMap(new LinkedHashMap<>(policyFiles));
        agreements = List.copyOf(agreements);
    }

    /** The shipped catalog alone. */
    public static CatalogFiles shipped() {
        return new CatalogFiles(ShippedCatalog.policyFiles(), List.copyOf(ShippedCatalog.load().agreements()));
    }

    /** The shipped catalog and the files under {@code dir}; the shipped one alone when {@code dir} does not exist. */
    public static CatalogFiles read(Path dir) {
        CatalogFiles shipped = shipped();
        if (!Files.isDirectory(dir)) {
            return shipped;
        }
        Map<String, PolicyFile> policies = new LinkedHashMap<>(shipped.policyFiles());
        for (Path f : files(dir.resolve("policies"), ".xml", PolicyFile.MAX_BYTES)) {
            PolicyFile file = PolicyFile.read(bytes(f), f.toString());
            String id = file.policy(Optional.empty()).id();
            if (policies.putIfAbsent(id, file) != null) {
                throw new InvalidInputException("CATALOG_INVALID", f + ": policy " + id + " is given twice");
            }
        }
        List<Agreement> agreements = new ArrayList<>(shipped.agreements());
        for (Path f : files(dir.resolve("agreements"), ".json", AgreementJson.MAX_BYTES)) {
            agreements.add(AgreementJson.read(bytes(f), f.toString()));
        }
        CatalogFiles out = new CatalogFiles(policies, agreements);
        out.catalog();
        return out;
    }

    /** The policies and agreements as one catalog, cross-checked. */
    public Catalog catalog() {
        List<SecurityPolicy> policies = new ArrayList<>();
        for (PolicyFile f : policyFiles.values()) {
            policies.add(f.policy(Optional.empty()));
        }
        return new Catalog(policies, agreements);
    }

    private static List<Path> files(Path folder, String suffix, int maxBytes) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> out = s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
            if (out.size() > MAX_FILES) {
                throw new InvalidInputException("CATALOG_INVALID", folder + " holds " + out.size() + " files, more than "
                        + MAX_FILES);
            }
            for (Path p : out) {
                if (Files.size(p) > maxBytes) {
                    throw new InvalidInputException("CATALOG_INVALID", p + " is " + Files.size(p) + " bytes, more than "
                            + maxBytes);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalog folder " + folder, e);
        }
    }

    private static byte[] bytes(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }
}
