package io.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.decision.Decision;
import io.liaison.node.items.Outgoing;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The structure that keeps the rules from being bypassed, checked on the sources and classes as built: the core
 * depends on the JDK alone; no module reaches up; only the module that owns a table reads or writes it; modules pass
 * a transaction port, never a raw database handle; and only the decision engine makes a permitting decision, which
 * alone opens the way to the outbox.
 */
@Timeout(60)
class ArchitectureTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Each module and the modules above it, which it must never import. */
    private static final Map<String, List<String>> ABOVE = Map.of(
            "core", List.of("catalog", "node", "federation", "hotline", "server", "cli"),
            "catalog", List.of("node", "federation", "hotline", "server", "cli"),
            "node", List.of("federation", "hotline", "server", "cli"),
            "federation", List.of("hotline", "server", "cli"),
            "hotline", List.of("server", "cli"),
            "server", List.of("cli"));
    private static final Pattern TABLE_USE = Pattern.compile("\\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\\s+([a-z_][a-z0-9_]*)");
    private static final Pattern TABLE_MADE = Pattern.compile("CREATE TABLE\\s+([a-z_][a-z0-9_]*)");

    private static List<Path> sources(String module) throws IOException {
        try (Stream<Path> s = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void theCoreImportsTheJdkAlone_andNoModuleImportsOneAboveIt() throws IOException {
        for (Map.Entry<String, List<String>> m : ABOVE.entrySet()) {
            for (Path file : sources(m.getKey())) {
                String text = Files.readString(file);
                for (String above : m.getValue()) {
                    assertThat(text).as(file + " reaches up into " + above).doesNotContain("io.liaison." + above + ".");
                }
                if (m.getKey().equals("core")) {
                    for (String line : text.lines().filter(l -> l.startsWith("import ")).toList()) {
                        assertThat(line).as(file.toString()).matches("import (static )?(java\\.|io\\.liaison\\.core\\.).*");
                    }
                }
            }
        }
    }

    /**
     * A test that hangs would hold up CI until its own limit, and say nothing about where: every test class carries a
     * {@code @Timeout} on the class, so that each of its tests fails on its own, named, within that time. jqwik's
     * property classes are out of JUnit's reach; surefire's {@code forkedProcessTimeoutInSeconds} bounds them.
     */
    @Test
    void everyTestClass_hasATimeout() throws IOException {
        Pattern declaration = Pattern.compile("^(?:public |final |abstract )*class (\\w+)", Pattern.MULTILINE);
        List<String> without = new ArrayList<>();
        int classes = 0;
        for (String module : List.of("core", "catalog", "node", "federation", "hotline", "server", "cli", "testkit",
                "bench")) {
            Path tests = ROOT.resolve(module).resolve("src/test/java");
            if (!Files.isDirectory(tests)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(tests)) {
                for (Path file : s.filter(p -> p.toString().endsWith("Test.java")).sorted().toList()) {
                    String text = Files.readString(file);
                    Matcher m = declaration.matcher(text);
                    if (!m.find() || !text.matches("(?s).*@(Test|ParameterizedTest|RepeatedTest|TestFactory)\\b.*")) {
                        continue;
                    }
                    classes++;
                    String head = text.substring(0, m.start());
                    String annotations = head.substring(Math.max(head.lastIndexOf(";"), head.lastIndexOf("*/")) + 1);
                    if (!annotations.contains("Timeout(")) {
                        without.add(ROOT.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(classes).as("test classes found").isGreaterThan(100);
        assertThat(without).as("test classes without a class-level @Timeout").isEmpty();
    }

    @Test
    void onlyTheModuleThatOwnsATable_readsOrWritesIt() throws IOException {
        Map<String, Set<String>> owned = Map.of("node", tablesMadeBy("node"), "federation", tablesMadeBy("federation"),
                "hotline", tablesMadeBy("hotline"));
        assertThat(owned.get("node")).contains("items", "received_items", "audit_log", "users", "grant_requests");
        assertThat(owned.get("federation")).contains("outbox", "consent_requests", "incidents", "released_items");
        assertThat(owned.get("hotline")).contains("hotline_messages", "hotline_alarms");
        for (String module : List.of("node", "federation", "hotline", "server", "cli", "catalog", "core")) {
            Set<String> mine = owned.getOrDefault(module, Set.of());
            for (Path file : sources(module)) {
                Matcher m = TABLE_USE.matcher(Files.readString(file));
                while (m.find()) {
                    String table = m.group(1);
                    boolean someones = owned.values().stream().anyMatch(t -> t.contains(table));
                    if (someones) {
                        assertThat(mine).as(file + " uses table " + table + " of another module").contains(table);
                    }
                }
            }
        }
    }

    private static Set<String> tablesMadeBy(String module) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.list(ROOT.resolve(module).resolve("src/main/resources/db").resolve(module))) {
            for (Path sql : s.toList()) {
                Matcher m = TABLE_MADE.matcher(Files.readString(sql));
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    @Test
    void modulesPassATransactionPort_neverARawHandle() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (String module : List.of("node", "federation", "hotline", "server")) {
            for (Path file : sources(module)) {
                String name = ROOT.resolve(module).resolve("src/main/java").relativize(file).toString()
                        .replace('/', '.').replaceAll("\\.java$", "");
                if (name.endsWith("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName(name);
                if (!Modifier.isPublic(c.getModifiers())) {
                    continue;
                }
                for (Method method : c.getDeclaredMethods()) {
                    boolean takesHandle = Arrays.stream(method.getParameterTypes())
                            .anyMatch(t -> t.getName().equals("org.jdbi.v3.core.Handle"));
                    if (Modifier.isPublic(method.getModifiers()) && takesHandle
                            && !(c.getSimpleName().equals("Database") && method.getName().equals("tx"))) {
                        offenders.add(c.getName() + "." + method.getName());
                    }
                }
            }
        }
        assertThat(offenders).as("public methods taking a Jdbi Handle across modules").isEmpty();
    }

    @Test
    void onlyTheDecisionEngineMakesAPermit_andOnlyAPermitReachesTheOutbox() throws Exception {
        for (Constructor<?> c : Decision.class.getDeclaredConstructors()) {
            assertThat(Modifier.isPublic(c.getModifiers())).as("Decision has no public constructor").isFalse();
        }
        Method allow = Arrays.stream(Decision.class.getDeclaredMethods()).filter(m -> m.getName().equals("allow"))
                .findFirst().orElseThrow();
        assertThat(Modifier.isPublic(allow.getModifiers())).as("Decision.allow is the engine's").isFalse();
        for (Class<?> c : List.of(Outgoing.class, Outgoing.Permit.class)) {
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                assertThat(Modifier.isPublic(k.getModifiers())).as(c + " has no public constructor").isFalse();
            }
        }
        Method release = io.liaison.federation.outbox.Outbox.class.getMethod("releaseRow", Outgoing.Permit.class,
                java.util.UUID.class);
        assertThat(release).isNotNull();
    }
}
