package org.vsconsole.host.agent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Another unprivileged user knocking on an agent's socket, as a test sees it. */
public final class AgentSocketProbe {

    private AgentSocketProbe() {
    }

    /** Connects as user nobody (in group 1, daemon, when asked) and says how the agent answered hello. */
    public static String asNobody(Path socket, boolean inSocketGroup) throws Exception {
        Path program = Files.createTempDirectory("agent-probe").resolve("Hello.java");
        Files.setPosixFilePermissions(program.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(program, """
                import java.io.*; import java.net.*; import java.nio.channels.*;
                public class Hello { public static void main(String[] a) throws Exception {
                  try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    c.connect(UnixDomainSocketAddress.of(a[0]));
                    System.out.print("connected; ");
                    byte[] body = "{\\"v\\":1,\\"id\\":1,\\"op\\":\\"hello\\"}".getBytes();
                    OutputStream out = Channels.newOutputStream(c); InputStream in = Channels.newInputStream(c);
                    out.write(new byte[]{0, 0, 0, (byte) body.length}); out.write(body); out.flush();
                    System.out.print(in.read() < 0 ? "closed" : "answered");
                  } catch (IOException e) { System.out.print("refused: " + e.getMessage()); }
                } }
                """);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534"));
        command.addAll(inSocketGroup ? List.of("--groups=1") : List.of("--clear-groups"));
        command.addAll(List.of("--", Path.of(System.getProperty("java.home"), "bin", "java").toString(), program.toString(),
                socket.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        Files.delete(program);
        Files.delete(program.getParent());
        return out;
    }
}
