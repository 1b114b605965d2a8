package org.vsconsole.host.agent;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent on a Unix domain socket. The socket file is mode 0660 in the web user's group, so
 * only root and that group can connect at all; the kernel's word on who connected
 * ({@code SO_PEERCRED}) is then checked against the users allowed, so a file mode widened by
 * mistake still lets no one else in.
 */
final class AgentServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentServer.class);

    private final ServerSocketChannel server;
    private final Path socket;
    private final Set<String> allowedUsers;
    private final AgentOperations operations;
    private final Set<SocketChannel> sessions = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private AgentServer(ServerSocketChannel server, Path socket, Set<String> allowedUsers, AgentOperations operations) {
        this.server = server;
        this.socket = socket;
        this.allowedUsers = Set.copyOf(allowedUsers);
        this.operations = operations;
    }

    /**
     * Binds {@code socket} (replacing a stale one) with mode 0660 and group {@code group} when
     * given. {@code allowedUsers} are the user names besides the agent's own that may call it.
     */
    static AgentServer listen(Path socket, @Nullable String group, Set<String> allowedUsers, AgentOperations operations)
            throws IOException {
        Path dir = java.util.Objects.requireNonNull(socket.toAbsolutePath().getParent(), "a socket path names a file in a folder");
        GroupPrincipal principal = group == null
                ? null
                : socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
        if (!Files.isDirectory(dir)) {
            // made here, so no one else's: the web user's group passes through to the socket, others not
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
            if (principal != null) {
                Files.getFileAttributeView(dir, PosixFileAttributeView.class).setGroup(principal);
            }
        }
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        if (principal != null) {
            Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(principal);
        }
        return new AgentServer(server, socket, allowedUsers, operations);
    }

    /** Accepts connections until closed; each is served on a thread of its own. */
    void serve() {
        String self = System.getProperty("user.name");
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (server.isOpen()) {
                    log.warn("Agent: accept failed: {}", e.getMessage());
                }
                continue;
            }
            String peer = peer(channel);
            if (peer == null || !(peer.equals(self) || peer.equals("root") || allowedUsers.contains(peer))) {
                log.warn("Agent: refused a connection from {}: not an allowed user", peer == null ? "an unknown peer" : peer);
                closeQuietly(channel);
                continue;
            }
            sessions.add(channel);
            Thread.ofVirtual().name("agent-session-" + peer).start(() -> {
                try (channel) {
                    new AgentSession(Channels.newInputStream(channel), Channels.newOutputStream(channel), operations,
                            "user " + peer).run();
                } catch (IOException e) {
                    log.debug("Agent: closing a session: {}", e.getMessage());
                } finally {
                    sessions.remove(channel);
                }
            });
        }
    }

    Path socket() {
        return socket;
    }

    private static @Nullable String peer(SocketChannel channel) {
        try {
            UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return principal.user().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("Agent: close failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sessions.forEach(AgentServer::closeQuietly);
        Files.deleteIfExists(socket);
    }
}
