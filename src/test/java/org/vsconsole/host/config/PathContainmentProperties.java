package org.vsconsole.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.LimitValues;

/**
 * B2 of the reliability plan: random strings in every path-forming field are either refused by
 * the grammar or land inside the guest's config dir; nothing is ever created outside it.
 */
class PathContainmentProperties {

    private static Path tmp;
    private static Path root;
    private static Path outside;
    private static GuestConfigWriter writer;
    private static Map<String, String> outsideBefore;
    private static final AtomicInteger ACCEPTED = new AtomicInteger();

    @BeforeContainer
    static void setUp() throws IOException {
        tmp = Files.createTempDirectory("containment");
        root = Files.createDirectories(tmp.resolve("etc/vservers"));
        outside = Files.createDirectories(tmp.resolve("etc/outside"));
        Files.writeString(outside.resolve("passwd"), "root:x:0:0\n");
        FixtureTree.buildReference(root);
        writer = new GuestConfigWriter(root, tmp.resolve("vservers"));
        outsideBefore = FixtureTree.snapshot(tmp.resolve("etc"));
        outsideBefore.keySet().removeIf(k -> k.startsWith("vservers/"));
    }

    @AfterContainer
    static void checkNothingOutside() throws IOException {
        Map<String, String> after = FixtureTree.snapshot(tmp.resolve("etc"));
        after.keySet().removeIf(k -> k.startsWith("vservers/"));
        assertThat(after).isEqualTo(outsideBefore);
        try (var s = Files.list(root)) {
            assertThat(s.map(p -> p.getFileName().toString())).allMatch(n -> n.equals("web1") || n.equals(".defaults")
                    || n.matches("[a-z0-9][a-z0-9._-]*"));
        }
        System.out.println("PathContainmentProperties: accepted-and-contained " + ACCEPTED.get());
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(0).ofMaxLength(40),
                Arbitraries.strings().withChars("./\\-_a0%~\n\u0000").ofMaxLength(20),
                Arbitraries.of("..", ".", "../..", "../../etc/outside/passwd", "/etc/outside", "a/../../x", "x/..",
                        ".defaults", "-rf", "nproc/../../x", "0/../../../outside", "web1/../x"),
                Arbitraries.strings().alpha().numeric().withChars("._-").ofMinLength(1).ofMaxLength(12));
    }

    private static void expectContained(ThrowingRunnable r) {
        try {
            r.run();
            ACCEPTED.incrementAndGet();
        } catch (InvalidInputException | ConfigConflictException e) {
            // refused by the grammar or by the tree: fine
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String n : new String[]{"passwd"}) {
            assertThat(outside.resolve(n)).hasContent("root:x:0:0");
        }
    }

    interface ThrowingRunnable {

        void run() throws IOException;
    }

    private static GuestConfig web1() {
        return writer.reader().readGuest("web1");
    }

    @Property(tries = 100)
    void guestNames(@ForAll("hostile") String name) {
        expectContained(() -> {
            Path created = root.resolve(HostGrammar.guestName(name)).normalize();
            assertThat(created.getParent()).isEqualTo(root);
            writer.createGuest(new NewGuest(name, 40100 + Math.floorMod(name.hashCode(), 9000), "h", null,
                    java.util.List.of(), null, false, Map.of()));
            writer.deleteGuest(name, writer.reader().readGuest(name).digest());
        });
    }

    @Property(tries = 100)
    void limitNames(@ForAll("hostile") String name) {
        expectContained(() -> {
            writer.apply(web1(), new ConfigChange.SetLimit(name, LimitPart.PLAIN, 5));
            writer.apply(web1(), new ConfigChange.RemoveLimit(name, LimitPart.PLAIN));
        });
    }

    @Property(tries = 100)
    void interfaceIds(@ForAll("hostile") String id) {
        expectContained(() -> writer.apply(web1(), new ConfigChange.SetInterface(id,
                new InterfaceSpec("192.0.2.10", 24, "eth0", "web1", false))));
        expectContained(() -> writer.apply(web1(), new ConfigChange.RemoveInterface(id)));
    }

    @Property(tries = 100)
    void interfaceNamesAndDevices(@ForAll("hostile") String text) {
        expectContained(() -> {
            GuestConfig g = writer.apply(web1(), new ConfigChange.SetInterface("0",
                    new InterfaceSpec("192.0.2.10", 24, text, text, false)));
            assertThat(g.interfaceById("0").dev()).doesNotStartWith("-");
        });
    }

    @Property(tries = 100)
    void diskLimitIdsAndDirectories(@ForAll("hostile") String id, @ForAll("hostile") String dir) {
        expectContained(() -> {
            writer.apply(web1(), new ConfigChange.SetDiskLimit(id, "/vservers/web1/" + dir, 1, 1, 1));
            writer.apply(web1(), new ConfigChange.RemoveDiskLimit(id));
        });
    }

    @Property(tries = 100)
    void unknownFilePaths(@ForAll("hostile") String rel) {
        try {
            writer.reader().readFile("web1", rel, 100);
        } catch (InvalidInputException | UnsafePathException | IOException e) {
            // refused or missing
        }
    }

    // ---- the grammar alone, 10,000 cases per path-forming field (cheap, no I/O) ----

    private static void acceptedStaysInside(Path base, String value, java.util.function.UnaryOperator<String> grammar) {
        acceptedStaysInside(base, value, grammar, true);
    }

    /** {@code argvSafe}: the value may later reach a command line, so a leading '-' is never accepted. */
    private static void acceptedStaysInside(Path base, String value, java.util.function.UnaryOperator<String> grammar,
            boolean argvSafe) {
        String accepted;
        try {
            accepted = grammar.apply(value);
        } catch (InvalidInputException e) {
            return;
        }
        Path resolved = base.resolve(accepted);
        assertThat(resolved.normalize()).isEqualTo(resolved);
        assertThat(resolved.normalize().startsWith(base)).isTrue();
        assertThat(resolved).isNotEqualTo(base);
        if (argvSafe) {
            assertThat(accepted).doesNotStartWith("-");
        }
    }

    private static final Path BASE = Path.of("/etc/vservers/web1");

    @Property(tries = 10_000)
    void grammarGuestName(@ForAll("hostile") String v) {
        acceptedStaysInside(BASE.getParent(), v, HostGrammar::guestName);
        if (!v.isEmpty()) {
            try {
                HostGrammar.guestName(v);
                assertThat(v).doesNotContain("/").isNotIn(".", "..", ".defaults");
            } catch (InvalidInputException e) {
                // refused
            }
        }
    }

    @Property(tries = 10_000)
    void grammarLimitName(@ForAll("hostile") String v) {
        for (LimitPart part : LimitPart.values()) {
            acceptedStaysInside(BASE.resolve("rlimits"), v, x -> part.fileName(HostGrammar.limitName(x)));
        }
    }

    @Property(tries = 10_000)
    void grammarInterfaceAndDiskLimitIds(@ForAll("hostile") String v) {
        acceptedStaysInside(BASE.resolve("interfaces"), v, HostGrammar::interfaceId);
        acceptedStaysInside(BASE.resolve("dlimits"), v, HostGrammar::diskLimitId);
        acceptedStaysInside(BASE.resolve("interfaces/0"), v, x -> "name/" + HostGrammar.interfaceLabel(x));
    }

    @Property(tries = 10_000)
    void grammarRelativePathAndDiskLimitDirectory(@ForAll("hostile") String v) {
        // read-only lookup of an existing file: never an argv element, so '-x' is a legal name here
        acceptedStaysInside(BASE, v, HostGrammar::relativeConfigPath, false);
        Path guestRoot = Path.of("/vservers/web1");
        for (String candidate : new String[]{v, "/vservers/web1/" + v}) {
            try {
                Path p = Path.of(HostGrammar.diskLimitDirectory(candidate, guestRoot));
                assertThat(p.normalize()).isEqualTo(p);
                assertThat(p.startsWith(guestRoot)).isTrue();
            } catch (InvalidInputException e) {
                // refused
            }
        }
    }

    @Property(tries = 10_000)
    void limitValuesParsedStrictly(@ForAll("hostile") String text) {
        try {
            long v = HostGrammar.limitValue(KnownLimit.NPROC, text);
            assertThat(v == LimitValues.UNLIMITED || (v >= 0 && Long.toString(v).equals(text))).isTrue();
        } catch (InvalidInputException e) {
            // refused
        }
    }
}
