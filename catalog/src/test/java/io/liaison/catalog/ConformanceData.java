package io.liaison.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the public conformance suite's data is: {@code ../shared/conformance/spiffing/test-data} beside the
 * repository (never copied into it), or where {@code -Dliaison.conformance} says. A test that needs it fails, with
 * where it looked, when it is not there: nothing is skipped in silence.
 */
public final class ConformanceData {
    private ConformanceData() {}

    public static Path dir() {
        Path dir = Path.of(System.getProperty("liaison.conformance", Path.of("").toAbsolutePath().getParent()
                .resolve("../shared/conformance/spiffing/test-data").normalize().toString()));
        assertThat(Files.isDirectory(dir)).as("the spiffing conformance data at " + dir).isTrue();
        return dir;
    }
}
