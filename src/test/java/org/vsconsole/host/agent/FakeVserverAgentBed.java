package org.vsconsole.host.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.vserver.CommandTimeouts;
import org.vsconsole.host.vserver.FakeUtilVserver;

/**
 * An agent served on a socket in a temporary folder, in front of the vserver driver over the fake
 * util-vserver tools (the one part that cannot be real here: no Linux-VServer kernel), with a
 * config tree holding guest {@code web1} on context 40001. The fake records every tool call, so a
 * test can tell that a refused request reached nothing.
 */
final class FakeVserverAgentBed implements AutoCloseable {

    final Path configRoot;
    final Path guestsRoot;
    final Path socket;
    final FakeUtilVserver fake;
    final Path proc;
    final HostDriver driver;
    private final AgentOperations operations;
    private AgentServer server;

    FakeVserverAgentBed(Path temp) {
        this(temp, false);
    }

    /** With {@code overProc}, the driver reads running contexts from {@code fake/proc} (copy or generate one there). */
    FakeVserverAgentBed(Path temp, boolean overProc) {
        try {
            configRoot = Files.createDirectories(temp.resolve("etc/vservers"));
            guestsRoot = Files.createDirectories(temp.resolve("var/lib/vservers"));
            Path web1 = Files.createDirectories(configRoot.resolve("web1"));
            Files.writeString(web1.resolve("context"), "40001\n");
            Files.createDirectories(guestsRoot.resolve("web1"));
            Files.createSymbolicLink(web1.resolve("vdir"), guestsRoot.resolve("web1"));
            fake = new FakeUtilVserver(Files.createDirectories(temp.resolve("fake")));
            Files.writeString(temp.resolve("fake/mountinfo"), "");
            proc = temp.resolve("fake/proc");
            CommandTimeouts timeouts = CommandTimeouts.all(Duration.ofSeconds(20));
            driver = overProc ? fake.driverOverProc(timeouts) : fake.driver(timeouts);
            socket = temp.resolve("run/agent.sock");
            operations = operations();
            server = listen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds guest {@code name} on {@code xid} whose {@code vdir} names {@code root}. */
    void guest(String name, int xid, Path root) throws IOException {
        Path dir = Files.createDirectories(configRoot.resolve(name));
        Files.writeString(dir.resolve("context"), xid + "\n");
        Files.createSymbolicLink(dir.resolve("vdir"), root);
    }

    AgentOperations operations() {
        GuestConfigReader reader = GuestConfigReader.cached(configRoot);
        return new AgentOperations(driver, new AgentGuests(reader, guestsRoot, driver),
                new org.vsconsole.host.proc.HostProcReader(proc),
                new org.vsconsole.host.config.GuestConfigWriter(configRoot, guestsRoot, reader));
    }

    /** Serves again on the same socket, as an agent restarted by its service manager does. */
    void restart() throws IOException {
        server.close();
        server = listen();
    }

    private AgentServer listen() throws IOException {
        AgentServer listening = AgentServer.listen(socket, null, Set.of(), operations);
        Thread.ofVirtual().start(listening::serve);
        return listening;
    }

    AgentHostDriver client() {
        return AgentHostDriver.overSocket(socket);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
