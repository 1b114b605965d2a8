package org.vsconsole.host.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Malformed, oversized and out-of-allow-list requests sent straight to the agent's socket, as a
 * web tier taken over by an attacker could send them: each is refused with the field it broke,
 * reaches no tool, changes no file, and the agent goes on serving.
 */
class AgentFuzzTest {

    @TempDir
    Path temp;

    FakeVserverAgentBed bed;
    String treeBefore;

    @BeforeEach
    void setUp() throws Exception {
        bed = new FakeVserverAgentBed(temp);
        treeBefore = tree();
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    static Stream<List<String>> refused() {
        return Stream.of(
                List.of("frame", "not json"),
                List.of("frame", "[1,2]"),
                List.of("frame", "\"start\""),
                List.of("id", "{\"v\":1,\"op\":\"start\",\"guest\":\"web1\"}"),
                List.of("id", "{\"v\":1,\"id\":0,\"op\":\"start\",\"guest\":\"web1\"}"),
                List.of("id", "{\"v\":1,\"id\":-4,\"op\":\"start\",\"guest\":\"web1\"}"),
                List.of("id", "{\"v\":1,\"id\":\"7\",\"op\":\"start\",\"guest\":\"web1\"}"),
                List.of("id", "{\"v\":1,\"id\":1e30,\"op\":\"start\",\"guest\":\"web1\"}"),
                List.of("id", "{\"v\":1,\"id\":9007199254740992,\"op\":\"start\",\"guest\":\"web1\"}"),
                List.of("v", "{\"id\":1,\"op\":\"start\",\"guest\":\"web1\"}"),
                List.of("v", "{\"v\":2,\"id\":1,\"op\":\"start\",\"guest\":\"web1\"}"),
                List.of("op", "{\"v\":1,\"id\":1,\"op\":\"shell\",\"command\":\"id\"}"),
                List.of("op", "{\"v\":1,\"id\":1,\"op\":\"run\",\"argv\":[\"/bin/sh\"]}"),
                List.of("op", "{\"v\":1,\"id\":1,\"op\":\"rm -rf\"}"),
                List.of("op", "{\"v\":1,\"id\":1,\"op\":7}"),
                List.of("op", "{\"v\":1,\"id\":1,\"op\":\"__proto__\"}"),
                List.of("guest", "{\"v\":1,\"id\":1,\"op\":\"start\",\"guest\":\"../web1\"}"),
                List.of("guest", "{\"v\":1,\"id\":1,\"op\":\"start\",\"guest\":\"web1/../../etc\"}"),
                List.of("guest", "{\"v\":1,\"id\":1,\"op\":\"start\",\"guest\":\"WEB1\"}"),
                List.of("guest", "{\"v\":1,\"id\":1,\"op\":\"start\",\"guest\":\"-rf\"}"),
                List.of("guest", "{\"v\":1,\"id\":1,\"op\":\"start\",\"guest\":\"web1\\u0000\"}"),
                List.of("guest", "{\"v\":1,\"id\":1,\"op\":\"start\",\"guest\":\"\"}"),
                List.of("guest", "{\"v\":1,\"id\":1,\"op\":\"start\",\"guest\":[\"web1\"]}"),
                List.of("guest", "{\"v\":1,\"id\":1,\"op\":\"start\"}"),
                List.of("guest", "{\"v\":1,\"id\":1,\"op\":\"deleteRoot\",\"guest\":\".defaults\"}"),
                List.of("rootDir", "{\"v\":1,\"id\":1,\"op\":\"deleteRoot\",\"guest\":\"web1\",\"rootDir\":\"/\"}"),
                List.of("frame", "{\"v\":1,\"id\":1,\"op\":\"start\",\"guest\":\"ghost\",\"guest\":\"web1\"}"),
                List.of("frame", "{\"v\":1,\"id\":1,\"op\":\"start\",\"guest\":" + "[".repeat(40) + "]".repeat(40) + "}"),
                List.of("limit",
                        "{\"v\":1,\"id\":1,\"op\":\"setLimitLive\",\"guest\":\"web1\",\"limit\":\"../nproc\",\"soft\":1,\"hard\":1}"),
                List.of("soft",
                        "{\"v\":1,\"id\":1,\"op\":\"setLimitLive\",\"guest\":\"web1\",\"limit\":\"nproc\",\"soft\":\"1\",\"hard\":1}"),
                List.of("soft", "{\"v\":1,\"id\":1,\"op\":\"setLimitLive\",\"guest\":\"web1\",\"limit\":\"nproc\",\"soft\":-2,\"hard\":1}"),
                List.of("pid", "{\"v\":1,\"id\":1,\"op\":\"kill\",\"guest\":\"web1\",\"pid\":0,\"signal\":9}"),
                List.of("pid", "{\"v\":1,\"id\":1,\"op\":\"kill\",\"guest\":\"web1\",\"pid\":-1,\"signal\":9}"),
                List.of("signal", "{\"v\":1,\"id\":1,\"op\":\"kill\",\"guest\":\"web1\",\"pid\":1,\"signal\":65}"),
                List.of("argv", "{\"v\":1,\"id\":1,\"op\":\"exec\",\"guest\":\"web1\",\"argv\":[],\"timeoutMs\":1000}"),
                List.of("argv", "{\"v\":1,\"id\":1,\"op\":\"exec\",\"guest\":\"web1\",\"argv\":[\"a\\u0000b\"],\"timeoutMs\":1000}"),
                List.of("argv", "{\"v\":1,\"id\":1,\"op\":\"exec\",\"guest\":\"web1\",\"argv\":\"id\",\"timeoutMs\":1000}"),
                List.of("timeoutMs", "{\"v\":1,\"id\":1,\"op\":\"exec\",\"guest\":\"web1\",\"argv\":[\"id\"],\"timeoutMs\":0}"),
                List.of("timeoutMs", "{\"v\":1,\"id\":1,\"op\":\"stop\",\"guest\":\"web1\",\"timeoutMs\":99999999999}"),
                List.of("size", "{\"v\":1,\"id\":1,\"op\":\"remountTmp\",\"guest\":\"web1\",\"size\":\"0\"}"),
                List.of("size", "{\"v\":1,\"id\":1,\"op\":\"remountTmp\",\"guest\":\"web1\",\"size\":\"1m,exec\"}"),
                List.of("guests", "{\"v\":1,\"id\":1,\"op\":\"figures\",\"guests\":\"web1\"}"),
                List.of("guests", "{\"v\":1,\"id\":1,\"op\":\"figures\",\"guests\":[\"../x\"]}"),
                List.of("target", "{\"v\":1,\"id\":1,\"op\":\"cancel\"}"),
                // config writes of a web tier that lies: only the closed list of changes, read strictly
                List.of("change",
                        "{\"v\":1,\"id\":1,\"op\":\"configApply\",\"guest\":\"web1\",\"digest\":\"DIGEST\",\"change\":{\"RunCommand\":{\"argv\":[\"sh\"]}}}"),
                List.of("change",
                        "{\"v\":1,\"id\":1,\"op\":\"configApply\",\"guest\":\"web1\",\"digest\":\"DIGEST\",\"change\":{\"SetContext\":{\"xid\":40009},\"SetDisabled\":{\"disabled\":true}}}"),
                List.of("change",
                        "{\"v\":1,\"id\":1,\"op\":\"configApply\",\"guest\":\"web1\",\"digest\":\"DIGEST\",\"change\":\"SetDisabled\"}"),
                List.of("change.SetContext",
                        "{\"v\":1,\"id\":1,\"op\":\"configApply\",\"guest\":\"web1\",\"digest\":\"DIGEST\",\"change\":{\"SetContext\":{\"xid\":40009,\"vdir\":\"/\"}}}"),
                List.of("change.SetContext",
                        "{\"v\":1,\"id\":1,\"op\":\"configApply\",\"guest\":\"web1\",\"digest\":\"DIGEST\",\"change\":{\"SetContext\":{}}}"),
                List.of("change.SetUts",
                        "{\"v\":1,\"id\":1,\"op\":\"configApply\",\"guest\":\"web1\",\"digest\":\"DIGEST\",\"change\":{\"SetUts\":{\"nodename\":null}}}"),
                List.of("digest", "{\"v\":1,\"id\":1,\"op\":\"configApply\",\"guest\":\"web1\",\"digest\":\"abc\","
                        + "\"change\":{\"SetDisabled\":{\"disabled\":true}}}"),
                List.of("guest", "{\"v\":1,\"id\":1,\"op\":\"configApply\",\"guest\":\"../etc\",\"digest\":\"DIGEST\","
                        + "\"change\":{\"SetDisabled\":{\"disabled\":true}}}"),
                List.of("spec", "{\"v\":1,\"id\":1,\"op\":\"configCreate\",\"spec\":{\"name\":\"x\"}}"),
                List.of("accepted", "{\"v\":1,\"id\":1,\"op\":\"configRestore\",\"guest\":\"web1\",\"digest\":\"DIGEST\","
                        + "\"accepted\":\"x\"}"),
                List.of("planned", "{\"v\":1,\"id\":1,\"op\":\"configPutBack\",\"guest\":\"web1\",\"planned\":{}}"),
                // guest trees: only a guest's own root, and chunks only for a transfer this connection opened
                List.of("guest", "{\"v\":1,\"id\":1,\"op\":\"treeExport\",\"guest\":\"../web1\"}"),
                List.of("path", "{\"v\":1,\"id\":1,\"op\":\"treeExport\",\"guest\":\"web1\",\"path\":\"/\"}"),
                List.of("target", "{\"v\":1,\"id\":1,\"op\":\"treeRead\",\"target\":999}"),
                List.of("guest", "{\"v\":1,\"id\":1,\"op\":\"treeImport\",\"guest\":\"../etc\",\"bytes\":1}"),
                List.of("bytes", "{\"v\":1,\"id\":1,\"op\":\"treeImport\",\"guest\":\"web1\",\"bytes\":-1}"),
                List.of("bytes", "{\"v\":1,\"id\":1,\"op\":\"treeImport\",\"guest\":\"web1\",\"bytes\":1e30}"),
                List.of("target", "{\"v\":1,\"id\":1,\"op\":\"treeWrite\",\"target\":999,\"data\":\"AAAA\"}"),
                List.of("data", "{\"v\":1,\"id\":1,\"op\":\"treeWrite\",\"target\":1,\"data\":\"not base64!\"}"),
                List.of("target", "{\"v\":1,\"id\":1,\"op\":\"treeEnd\",\"target\":0}"),
                // a move reads a guest's config there by name only
                List.of("guest", "{\"v\":1,\"id\":1,\"op\":\"guestToMove\",\"guest\":\"/etc/vservers/web1\"}"),
                List.of("guest", "{\"v\":1,\"id\":1,\"op\":\"guestToMove\"}"),
                List.of("path", "{\"v\":1,\"id\":1,\"op\":\"guestToMove\",\"guest\":\"web1\",\"path\":\"/etc\"}"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refused")
    void aBadRequestIsRefusedNamingTheFieldAndChangesNothing(List<String> fieldAndRequest) throws Exception {
        try (Raw agent = new Raw(bed.socket)) {
            String digest = new org.vsconsole.host.config.GuestConfigReader(bed.configRoot).readGuest("web1").digest();
            agent.send(fieldAndRequest.get(1).replace("DIGEST", digest).getBytes(StandardCharsets.UTF_8));
            JsonNode reply = agent.reply();

            assertThat(reply.path("ok").booleanValue()).isFalse();
            assertThat(reply.path("error").asString()).isEqualTo("refused");
            assertThat(reply.path("field").asString()).isEqualTo(fieldAndRequest.get(0));
            assertThat(reply.path("message").asString()).isNotBlank();
            assertStillServingAndNothingChanged(agent);
        }
    }

    @Test
    void anOversizedFrameEndsTheConnectionBeforeTheAgentReadsIt() throws Exception {
        for (int length : new int[]{0, -1, AgentFrames.MAX_REQUEST + 1, Integer.MAX_VALUE}) {
            try (Raw agent = new Raw(bed.socket)) {
                agent.sendLength(length);
                JsonNode reply = agent.reply();
                assertThat(reply.path("field").asString()).isEqualTo("frame");
                assertThat(agent.ended()).as("connection after a %d-byte header", length).isTrue();
            }
        }
        try (Raw agent = new Raw(bed.socket)) {
            assertStillServingAndNothingChanged(agent);
        }
    }

    @Test
    void aFrameCutShortRunsNothing() throws Exception {
        byte[] start = "{\"v\":1,\"id\":1,\"op\":\"start\",\"guest\":\"web1\"}".getBytes(StandardCharsets.UTF_8);
        try (Raw agent = new Raw(bed.socket)) {
            agent.sendLength(start.length);
            agent.out.write(start, 0, start.length - 3);
            agent.out.flush();
        }
        try (Raw agent = new Raw(bed.socket)) {
            assertStillServingAndNothingChanged(agent);
        }
    }

    @Test
    void tooManyCallsAtOnceAreRefusedNotQueued() throws Exception {
        bed.fake.markRunning("web1");
        try (Raw agent = new Raw(bed.socket)) {
            for (int id = 1; id <= AgentSession.MAX_IN_FLIGHT + 8; id++) {
                // long enough that none ends while a loaded machine is still sending the rest
                agent.send(
                        ("{\"v\":1,\"id\":" + id + ",\"op\":\"exec\",\"guest\":\"web1\",\"argv\":[\"sleep\",\"10\"],\"timeoutMs\":60000}")
                                .getBytes(StandardCharsets.UTF_8));
            }
            int refused = 0;
            for (int i = 0; i < AgentSession.MAX_IN_FLIGHT + 8; i++) {
                JsonNode reply = agent.reply();
                if (!reply.path("ok").booleanValue() && reply.path("field").asString().equals("id")) {
                    refused++;
                }
            }
            assertThat(refused).isGreaterThanOrEqualTo(8);
        }
    }

    /** Valid read-only requests with random bytes changed: whatever they become, nothing changes. */
    @Test
    void mutatedRequestsNeverChangeTheHost() throws Exception {
        List<String> seeds = List.of("{\"v\":1,\"id\":11,\"op\":\"isRunning\",\"guest\":\"web1\"}",
                "{\"v\":1,\"id\":12,\"op\":\"figures\",\"guests\":[\"web1\"]}",
                "{\"v\":1,\"id\":13,\"op\":\"diskQuota\",\"guest\":\"web1\"}",
                "{\"v\":1,\"id\":14,\"op\":\"liveAtStart\",\"limit\":\"nproc\",\"soft\":5,\"hard\":9}");
        Random random = new Random(20261201);
        int answered = 0;
        try (Raw agent = new Raw(bed.socket)) {
            for (int i = 0; i < 600; i++) {
                byte[] frame = seeds.get(random.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8);
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
                }
                agent.send(frame);
                answered += agent.reply().has("ok") ? 1 : 0;
            }
            assertThat(answered).isEqualTo(600);
            assertThat(bed.fake.calls()).allSatisfy(call -> assertThat(call).last().isEqualTo("status"));
            assertThat(tree()).isEqualTo(treeBefore);
            assertThat(hello(agent).path("ok").booleanValue()).isTrue();
        }
    }

    private void assertStillServingAndNothingChanged(Raw agent) throws Exception {
        assertThat(hello(agent).path("result").path("driver").asString()).isEqualTo("vserver");
        assertThat(bed.fake.calls()).isEmpty();
        assertThat(tree()).isEqualTo(treeBefore);
    }

    private static JsonNode hello(Raw agent) throws IOException {
        agent.send("{\"v\":1,\"id\":99,\"op\":\"hello\"}".getBytes(StandardCharsets.UTF_8));
        return agent.reply();
    }

    /** Every path under the test's trees with its content's digest. */
    private String tree() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> paths = Files.walk(temp.resolve("etc")); Stream<Path> roots = Files.walk(temp.resolve("var"))) {
            for (Path p : Stream.concat(paths, roots).sorted().toList()) {
                out.append(temp.relativize(p));
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    out.append(' ').append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** A client that writes whatever bytes it is given, as no well-behaved web tier would. */
    static final class Raw implements AutoCloseable {

        final SocketChannel channel;
        final InputStream in;
        final OutputStream out;

        Raw(Path socket) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            in = Channels.newInputStream(channel);
            out = Channels.newOutputStream(channel);
        }

        void sendLength(int length) throws IOException {
            out.write(new byte[]{(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
            out.flush();
        }

        void send(byte[] body) throws IOException {
            sendLength(body.length);
            out.write(body);
            out.flush();
        }

        JsonNode reply() throws IOException {
            byte[] frame = AgentFrames.read(in, AgentFrames.MAX_REPLY);
            assertThat(frame).as("a reply before the connection ended").isNotNull();
            return AgentJson.MAPPER.readTree(frame);
        }

        boolean ended() throws IOException {
            return in.read() < 0;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
