package io.liaison.node.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.liaison.catalog.json.Json;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A node's configuration, read from {@code liaison.json} in its directory and validated at start, then
 * frozen. {@code db} is empty for embedded H2 in the node directory.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeConfig(String party, String policy, String nodeName, String host, int port, String db, String dbUser,
        Long maxBodyBytes, Long maxAttachmentBytes) {
    public static final String FILE = "liaison.json";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]]{1,253}");

    public NodeConfig {
        Party.of(party);
        if (policy == null || policy.isBlank()) {
            throw new IllegalArgumentException("policy is required");
        }
        if (nodeName == null || !nodeName.matches("[a-z0-9][a-z0-9.-]{0,62}")) {
            throw new IllegalArgumentException("nodeName '" + nodeName + "' must be lower-case letters, digits, '.', '-'");
        }
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("host '" + host + "' is not a host name or address");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        if (db != null && !db.startsWith("jdbc:postgresql:") && !db.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("db '" + db + "' must be a jdbc:postgresql: or jdbc:h2: URL");
        }
        if (maxBodyBytes != null && (maxBodyBytes < 1024 || maxBodyBytes > 1L << 30)) {
            throw new IllegalArgumentException("maxBodyBytes " + maxBodyBytes + " is outside 1 KiB..1 GiB");
        }
        if (maxAttachmentBytes != null && (maxAttachmentBytes < 1 || maxAttachmentBytes > 1L << 30)) {
            throw new IllegalArgumentException("maxAttachmentBytes " + maxAttachmentBytes + " is outside 1 B..1 GiB");
        }
    }

    public static NodeConfig defaults(Party party, String policy) {
        return new NodeConfig(party.code(), policy, party.code().toLowerCase(java.util.Locale.ROOT) + "-node", "127.0.0.1",
                8443, null, null, null, null);
    }

    public long bodyLimit() {
        return maxBodyBytes == null ? 16L << 20 : maxBodyBytes;
    }

    public long attachmentLimit() {
        return maxAttachmentBytes == null ? 4L << 20 : maxAttachmentBytes;
    }

    public Optional<String> database() {
        return Optional.ofNullable(db);
    }

    public NodeConfig withAddress(String newHost, int newPort) {
        return new NodeConfig(party, policy, nodeName, newHost, newPort, db, dbUser, maxBodyBytes, maxAttachmentBytes);
    }

    public NodeConfig withDatabase(String url) {
        return new NodeConfig(party, policy, nodeName, host, port, url, dbUser, maxBodyBytes, maxAttachmentBytes);
    }

    /** Reads and validates {@code dir/liaison.json}; refuses anything wrong with one sentence. */
    public static NodeConfig read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            return Json.read(Files.readAllBytes(file), NodeConfig.class, file.toString(), 64 * 1024);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("CONFIG_MISSING", "no node in " + dir + ": " + file
                    + " does not exist (run liaison init first)");
        } catch (IOException e) {
            throw new InvalidInputException("CONFIG_UNREADABLE", "cannot read " + file + ": " + e.getMessage());
        }
    }

    public void write(Path dir) {
        try {
            Files.writeString(dir.resolve(FILE), Json.write(this) + "\n");
        } catch (IOException e) {
            throw new InvalidInputException("CONFIG_UNWRITABLE", "cannot write " + dir.resolve(FILE) + ": " + e.getMessage());
        }
    }
}
