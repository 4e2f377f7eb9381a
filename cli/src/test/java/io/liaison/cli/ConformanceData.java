package io.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public spiffing conformance suite's data, where it lies beside the repository (never copied in), or where
 * {@code -Dliaison.conformance} says; a test that needs it fails, saying where it looked, when it is not there.
 */
final class ConformanceData {
    private ConformanceData() {}

    static Path dir() {
        Path dir = Path.of(System.getProperty("liaison.conformance", Path.of("").toAbsolutePath().getParent()
                .resolve("../shared/conformance/spiffing/test-data").normalize().toString()));
        assertThat(Files.isDirectory(dir)).as("the spiffing conformance data at " + dir).isTrue();
        return dir;
    }
}
