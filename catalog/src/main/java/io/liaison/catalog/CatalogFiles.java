package io.liaison.catalog;

import io.liaison.catalog.json.AgreementJson;
import io.liaison.catalog.spif.PolicyFile;
import io.liaison.core.agreement.Agreement;
import io.liaison.core.catalog.Catalog;
import io.liaison.core.error.InvalidInputException;
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
 * file. The catalog is built and checked once, when the files are read.
 */
public final class CatalogFiles {
    /** At most this many files in each of the two folders. */
    public static final int MAX_FILES = 4_096;

    private final Map<String, PolicyFile> policyFiles;
    private final Catalog catalog;

    private CatalogFiles(Map<String, PolicyFile> policyFiles, Catalog catalog) {
        this.policyFiles = Collections.unmodifiableMap(new LinkedHashMap<>(policyFiles));
        this.catalog = catalog;
    }

    /** The shipped catalog alone, read once. */
    public static CatalogFiles shipped() {
        return Shipped.FILES;
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
        List<Agreement> agreements = new ArrayList<>(shipped.catalog().agreements());
        for (Path f : files(dir.resolve("agreements"), ".json", AgreementJson.MAX_BYTES)) {
            agreements.add(AgreementJson.read(bytes(f), f.toString()));
        }
        return new CatalogFiles(policies, new Catalog(policies.values().stream().map(p -> p.policy(Optional.empty()))
                .toList(), agreements));
    }

    /** The policies' files by id, the shipped ones first. */
    public Map<String, PolicyFile> policyFiles() {
        return policyFiles;
    }

    /** The policies and agreements as one catalog, cross-checked. */
    public Catalog catalog() {
        return catalog;
    }

    private static final class Shipped {
        static final CatalogFiles FILES = new CatalogFiles(ShippedCatalog.policyFiles(), ShippedCatalog.load());
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
