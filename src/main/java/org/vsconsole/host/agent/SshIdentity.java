package org.vsconsole.host.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The console's own SSH key pair, with which it logs in to the hosts it manages. Made once, kept
 * in the data directory as an OpenSSH private key file of mode 0600 (written to a temporary file,
 * synced and renamed, so a crash leaves the old key or the new one, never half a key).
 */
public final class SshIdentity {

    /** ECDSA P-256: what the JDK makes without extra providers, and what every OpenSSH takes. */
    private static final String TYPE = KeyPairProvider.ECDSA_SHA2_NISTP256;

    private final KeyPair keyPair;

    private SshIdentity(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    /** Reads the key pair from {@code file}, or makes one and writes it there first. */
    public static SshIdentity loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                Iterator<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, () -> file.toString(), in, null).iterator();
                if (!keys.hasNext()) {
                    throw new IOException(file + " holds no private key");
                }
                return new SshIdentity(keys.next());
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot read the console's SSH key " + file + ": " + e.getMessage(), e);
            }
        }
        KeyPair generated;
        try {
            generated = KeyUtils.generateKeyPair(TYPE, 256);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make an SSH key pair: " + e.getMessage(), e);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(temp);
                var channel = java.nio.channels.FileChannel.open(temp,
                        java.nio.file.StandardOpenOption.WRITE)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(generated, "vserver-console", null, out);
            out.flush();
            channel.force(true);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the SSH key: " + e.getMessage(), e);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        return new SshIdentity(generated);
    }

    KeyPair keyPair() {
        return keyPair;
    }

    /** The public key as one {@code authorized_keys} line, without options. */
    public String publicKeyLine() {
        return PublicKeyEntry.toString(keyPair.getPublic()) + " vserver-console";
    }

    /**
     * The line to put in the managed host's {@code authorized_keys}: the key may only run the agent
     * in stdio mode, with no terminal, forwarding or agent of its own ({@code restrict}).
     */
    public String authorizedKeysLine(String agentCommand) {
        if (agentCommand.contains("\"") || agentCommand.contains("\n")) {
            throw new IllegalArgumentException("the agent command must not hold quotes or line breaks");
        }
        return "command=\"" + agentCommand + "\",restrict " + publicKeyLine();
    }
}
