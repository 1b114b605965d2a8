package org.vsconsole.host.agent;

import java.io.IOException;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.core.CoreModuleProperties;
import org.jspecify.annotations.Nullable;

/**
 * The agent of another host, reached over SSH. OpenSSH on that host runs the agent in stdio mode
 * as the forced command of the console's key ({@link SshIdentity#authorizedKeysLine}), so this end
 * opens one exec channel and speaks the agent's protocol over its stdin and stdout. The host's key
 * is pinned: any other key ends the connection before the console authenticates or sends a byte.
 */
public final class SshAgentConnector implements AgentHostDriver.Connector, AutoCloseable {

    /** Where the host is and whom to log in as. */
    public record Target(String address, int port, String user) {
    }

    private final SshClient client;
    private final Target target;
    private final SshIdentity identity;
    private final Duration timeout;

    public SshAgentConnector(Target target, String pinnedFingerprint, SshIdentity identity, Duration timeout) {
        this.target = target;
        this.identity = identity;
        this.timeout = timeout;
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> pinnedFingerprint.equals(fingerprint(key)));
        // calls are small request/reply pairs: Nagle's wait for more would add a delayed ACK to each
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        // AES-GCM first: the JDK runs it on the CPU's AES instructions, while MINA's ChaCha20 is
        // plain Java and capped a guest tree's move at a third of the speed; all three are AEAD
        client.setCipherFactories(java.util.List.of(org.apache.sshd.common.cipher.BuiltinCiphers.aes128gcm,
                org.apache.sshd.common.cipher.BuiltinCiphers.aes256gcm, org.apache.sshd.common.cipher.BuiltinCiphers.cc20p1305_openssh));
        client.start();
    }

    /** {@code SHA256:…}, as {@code ssh-keygen -lf} prints it. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    /**
     * Connects without logging in and returns the fingerprint of the key the host shows, for an
     * admin to compare with {@code ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub} on the host before
     * the console trusts it.
     */
    public static String probeHostKey(Target target, Duration timeout) throws IOException {
        AtomicReference<@Nullable String> seen = new AtomicReference<>();
        try (SshClient probe = SshClient.setUpDefaultClient()) {
            probe.setServerKeyVerifier((session, address, key) -> {
                seen.set(fingerprint(key));
                return false;
            });
            probe.start();
            try (ClientSession session = probe.connect(target.user(), target.address(), target.port()).verify(timeout).getClientSession()) {
                session.auth().verify(timeout);
            } catch (IOException e) {
                // refusing the key ends the handshake: what was seen is the answer
            }
        }
        String fingerprint = seen.get();
        if (fingerprint == null) {
            throw new IOException("no SSH host key from " + target.address() + ":" + target.port());
        }
        return fingerprint;
    }

    @Override
    public AgentClient connect() throws IOException {
        ClientSession session;
        try {
            session = client.connect(target.user(), target.address(), target.port()).verify(timeout).getClientSession();
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot reach the host agent over SSH at " + target.address() + ":" + target.port() + ": "
                    + rootReason(e), e);
        }
        try {
            session.addPublicKeyIdentity(identity.keyPair());
            session.auth().verify(timeout);
            // the forced command runs the agent whatever is asked; the name only shows in the host's log
            ChannelExec channel = session.createExecChannel("vsconsole-agent");
            channel.open().verify(timeout);
            return AgentClient.over(channel.getInvertedOut(), channel.getInvertedIn(), () -> {
                channel.close(true);
                session.close(true);
            }, "ssh " + target.address() + ":" + target.port());
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw new IOException("cannot reach the host agent over SSH at " + where(session.getRemoteAddress()) + ": "
                    + org.vsconsole.base.Formats.reason(e), e);
        }
    }

    /**
     * The innermost cause's words: MINA wraps "Connection refused" in a future's description that
     * tells an admin nothing.
     */
    private static String rootReason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return org.vsconsole.base.Formats.reason(root);
    }

    private String where(@Nullable SocketAddress address) {
        return address == null ? target.address() + ":" + target.port() : address.toString();
    }

    @Override
    public void close() throws IOException {
        client.stop();
    }
}
