package org.vsconsole.host.agent;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.ResourcePropertySource;
import org.vsconsole.base.ConsoleProperties;
import org.vsconsole.host.DriverSelector;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostProperties;
import org.vsconsole.host.LinuxProperties;
import org.vsconsole.host.ProvisioningProperties;
import org.vsconsole.host.config.GuestConfigReader;

/**
 * {@code java -jar vserver-console.jar agent --socket=PATH [--group=G] [--allow-user=U,…]} or
 * {@code … agent --stdio}: the host agent, without the web stack. It reads the same
 * {@code vsconsole.*} properties as the console (application.properties, the environment,
 * {@code --vsconsole.…=} arguments), so both agree on the trees and the driver.
 */
public final class AgentCommand {

    private static final Logger log = LoggerFactory.getLogger(AgentCommand.class);

    private AgentCommand() {
    }

    /** Runs the agent until its socket closes or stdin ends; returns the exit status. */
    public static int run(String[] args) {
        Options options;
        try {
            options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println("agent: " + e.getMessage());
            System.err.println("usage: agent --socket=PATH [--group=GROUP] [--allow-user=USER,...] | agent --stdio"
                    + " [--vsconsole.PROPERTY=VALUE ...]");
            return 2;
        }
        // stdout carries the protocol in stdio mode: nothing else may ever write to it
        PrintStream protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        System.setOut(System.err);
        try {
            AgentOperations operations = operations(options.properties());
            if (options.stdio()) {
                new AgentSession(new FileInputStream(FileDescriptor.in), protocolOut, operations, "stdio").run();
                return 0;
            }
            try (AgentServer server = AgentServer.listen(Path.of(options.socket()), options.group(), options.allowedUsers(), operations)) {
                log.info("Agent: serving the {} driver on {}", operations.driverName(), server.socket());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException e) {
                        log.debug("Agent: close at exit: {}", e.getMessage());
                    }
                }));
                server.serve();
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("agent: " + e.getMessage());
            return 1;
        }
    }

    /** The driver and guests the console would use with the same properties. */
    static AgentOperations operations(String[] propertyArgs) throws IOException {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SimpleCommandLinePropertySource(propertyArgs));
        env.getPropertySources().addLast(new ResourcePropertySource("classpath:application.properties"));
        Binder binder = Binder.get(env);
        HostProperties host = binder.bindOrCreate("vsconsole.host", HostProperties.class);
        ConsoleProperties console = binder.bindOrCreate("vsconsole", ConsoleProperties.class);
        LinuxProperties linux = binder.bindOrCreate("vsconsole.linux", LinuxProperties.class);
        ProvisioningProperties provisioning = binder.bindOrCreate("vsconsole.provisioning", ProvisioningProperties.class);
        HostDriver driver = new DriverSelector(console, linux, provisioning).select(host);
        java.nio.file.Files.createDirectories(host.configRoot());
        java.nio.file.Files.createDirectories(host.guestsRoot());
        GuestConfigReader reader = GuestConfigReader.cached(host.configRoot());
        var writer = new org.vsconsole.host.config.GuestConfigWriter(host.configRoot(), host.guestsRoot(), reader);
        writer.allowLinkLocalAddresses(provisioning.allowLinkLocal());
        // what a write interrupted by a crash left; the web tier no longer writes here to clean it
        writer.removeStaleStagingFiles();
        return new AgentOperations(driver, new AgentGuests(reader, host.guestsRoot(), driver),
                new org.vsconsole.host.proc.HostProcReader(host.procRoot()), writer);
    }

    record Options(boolean stdio, @Nullable String socket, @Nullable String group, Set<String> allowedUsers, String[] properties) {

        static Options parse(String[] args) {
            boolean stdio = false;
            String socket = null;
            String group = null;
            Set<String> users = new LinkedHashSet<>();
            List<String> properties = new ArrayList<>();
            for (String arg : args) {
                if (arg.equals("--stdio")) {
                    stdio = true;
                } else if (arg.startsWith("--socket=")) {
                    socket = arg.substring("--socket=".length());
                } else if (arg.startsWith("--group=")) {
                    group = name(arg.substring("--group=".length()), "--group");
                } else if (arg.startsWith("--allow-user=")) {
                    for (String user : arg.substring("--allow-user=".length()).split(",")) {
                        users.add(name(user, "--allow-user"));
                    }
                } else if (arg.startsWith("--vsconsole.") && arg.contains("=")) {
                    properties.add(arg);
                } else {
                    throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            if (stdio == (socket != null)) {
                throw new IllegalArgumentException("give exactly one of --socket=PATH and --stdio");
            }
            if (socket != null && socket.isBlank()) {
                throw new IllegalArgumentException("--socket needs a path");
            }
            return new Options(stdio, socket, group, users, properties.toArray(String[]::new));
        }

        private static String name(String value, String option) {
            if (!value.matches("[a-z_][a-z0-9_-]{0,31}")) {
                throw new IllegalArgumentException(option + " takes a user or group name, not '" + value + "'");
            }
            return value;
        }
    }
}
