package org.vsconsole.guests;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.FakeHostDriver;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.InterfaceSpec;
import org.vsconsole.host.config.NewGuest;
import org.vsconsole.monitoring.Sampler;

/**
 * Helpers of the guests tests that run guests, on the suite's one Spring context
 * ({@link ConsoleSpringTest}: its {@link FakeHostDriver} keeps one context per XID, and the host
 * marks are {@code default} and {@code backup}). Each test uses guest names, context ids and
 * addresses of its own, as the config root is shared with every other Spring test.
 */
@ConsoleSpringTest
@ViewPackages(packages = {"org.vsconsole.guests", "org.vsconsole.base"})
abstract class GuestsTestBase extends SpringBrowserlessTest {

    @Autowired
    GuestConfigWriter writer;

    @Autowired
    Sampler sampler;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FakeHostDriver kernel;

    /** A guest written to the config root as an admin's hand or the wizard would, with one address. */
    void guest(String name, int xid, String ip) {
        try {
            writer.createGuest(new NewGuest(name, xid, name, null, List.of(new InterfaceSpec(ip, 24, "eth0", null, false)),
                    "16m", false, Map.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of {@code original}'s config tree made on the host by hand ({@code cp -a}), so it
     * claims the same context, then given its own address: the console would refuse to write it.
     */
    void handCopy(String original, String copy, String ip) {
        Path from = writer.reader().configRoot().resolve(original);
        Path to = writer.reader().configRoot().resolve(copy);
        try (var files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Files.copy(source, to.resolve(from.relativize(source).toString()), LinkOption.NOFOLLOW_LINKS);
            }
            Files.writeString(to.resolve("interfaces/0/ip"), ip + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sampler.treeChanged();
    }

    /** Gives {@code guest} the address {@code ip} by editing its tree by hand. */
    void handSetAddress(String guest, String ip) {
        try {
            Files.writeString(writer.reader().configRoot().resolve(guest).resolve("interfaces/0/ip"), ip + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sampler.treeChanged();
    }

    /** The newest audit row of an action on a guest: actor, outcome and message. */
    Map<String, Object> lastAudit(String action, String guest) {
        return jdbc.sql("SELECT actor, outcome, message, target_xid FROM audit_event WHERE action = ? AND target_guest = ?"
                + " ORDER BY seq DESC LIMIT 1")
                .param(action).param(guest).query().singleRow();
    }
}
