package org.vsconsole.host.agent;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.proc.HostProcReader;
import org.vsconsole.host.vserver.CommandTimeouts;
import org.vsconsole.host.vserver.FakeUtilVserver;

/**
 * A host agent in stdio mode, as {@code … agent --stdio} runs behind sshd, in front of the vserver
 * driver over the fake util-vserver tools at {@code <home>/fake} (the one part that cannot be real
 * here: no Linux-VServer kernel), with its trees at {@code <home>/etc/vservers} and
 * {@code <home>/var/lib/vservers}. Each SSH session runs one; they share the fake's state files.
 */
public final class FakeVserverAgentMain {

    private FakeVserverAgentMain() {
    }

    public static void main(String[] args) throws Exception {
        // stdout carries the protocol: nothing else may ever write to it
        PrintStream protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        System.setOut(System.err);
        Path home = Path.of(args[0]);
        Path configRoot = home.resolve("etc/vservers");
        Path guestsRoot = home.resolve("var/lib/vservers");
        FakeUtilVserver fake = FakeUtilVserver.at(home.resolve("fake"));
        var driver = fake.driver(CommandTimeouts.all(Duration.ofSeconds(20)));
        GuestConfigReader reader = GuestConfigReader.cached(configRoot);
        AgentOperations operations = new AgentOperations(driver, new AgentGuests(reader, guestsRoot, driver),
                new HostProcReader(home.resolve("fake/proc")), new GuestConfigWriter(configRoot, guestsRoot, reader));
        new AgentSession(new FileInputStream(FileDescriptor.in), protocolOut, operations, "stdio").run();
    }
}
