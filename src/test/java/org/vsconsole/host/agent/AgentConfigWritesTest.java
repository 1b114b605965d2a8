package org.vsconsole.host.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.config.AcceptedEntry;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.ConfigConflictException;
import org.vsconsole.host.config.ConfigTreeOwner;
import org.vsconsole.host.config.ConfigWriteListener;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.InterfaceSpec;
import org.vsconsole.host.config.NewGuest;
import org.vsconsole.host.config.PlannedFile;

/**
 * The web tier's config writes when the host agent owns the tree: checked in the web tier (a
 * refusal names its field before anything is sent), made by the agent (which checks them again),
 * and heard by the web tier's listeners as its own writes, so sync never takes them for hand edits.
 */
class AgentConfigWritesTest {

    @TempDir
    Path temp;

    FakeVserverAgentBed bed;
    GuestConfigWriter web;
    final List<String> sentToAgent = new ArrayList<>();
    final List<String> heard = new ArrayList<>();

    @BeforeEach
    void setUp() {
        bed = new FakeVserverAgentBed(temp);
        web = new GuestConfigWriter(bed.configRoot, bed.guestsRoot, GuestConfigReader.cached(bed.configRoot));
        web.writeThrough(recording(bed.client()));
        web.addListener(new ConfigWriteListener() {

            @Override
            public void written(String guest, GuestConfig after) {
                heard.add("written " + guest + " " + after.digest());
            }

            @Override
            public void created(String guest, GuestConfig after) {
                heard.add("created " + guest);
            }

            @Override
            public void deleted(String guest) {
                heard.add("deleted " + guest);
            }
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    @Test
    void aLimitChangeIsMadeByTheAgentAndHeardAsTheConsolesOwnWrite() throws Exception {
        GuestConfig before = web.reader().readGuest("web1");

        GuestConfig after = web.apply(before, new ConfigChange.SetLimits(Map.of("nproc", new LimitValues(100, 200))));

        assertThat(sentToAgent).containsExactly("apply web1 SetLimits");
        assertThat(Files.readString(bed.configRoot.resolve("web1/rlimits/nproc.soft"))).isEqualTo("100\n");
        assertThat(Files.readString(bed.configRoot.resolve("web1/rlimits/nproc.hard"))).isEqualTo("200\n");
        assertThat(after.digest()).isNotEqualTo(before.digest());
        assertThat(heard).containsExactly("written web1 " + after.digest());
    }

    @Test
    void aBadValueIsRefusedByFieldBeforeAnythingIsSent() {
        GuestConfig before = web.reader().readGuest("web1");

        assertThatThrownBy(() -> web.apply(before, new ConfigChange.AddInterface(new InterfaceSpec("10.1.2.300", 24, null, null, false))))
                .isInstanceOf(InvalidInputException.class).extracting(e -> ((InvalidInputException) e).field()).isEqualTo("ip");

        assertThat(sentToAgent).isEmpty();
        assertThat(web.reader().readGuest("web1").digest()).isEqualTo(before.digest());
    }

    @Test
    void theAgentChecksAgainWhatAWebTierThatLiesSendsStraightToIt() {
        AgentHostDriver liar = bed.client();
        String digest = web.reader().readGuest("web1").digest();

        assertThatThrownBy(() -> liar.apply("web1", digest, new ConfigChange.AddInterface(new InterfaceSpec("10.1.2.300", 24, null, null,
                false)))).isInstanceOf(InvalidInputException.class).extracting(e -> ((InvalidInputException) e).field()).isEqualTo("ip");
        assertThatThrownBy(() -> liar.apply("web1", digest, new ConfigChange.SetContext(0)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> liar.create(new NewGuest("web1", 40002, "web1", null, List.of(), null, false, Map.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> liar.create(new NewGuest("twin", 40001, "twin", null, List.of(), null, false, Map.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("web1");

        assertThat(web.reader().readGuest("web1").digest()).isEqualTo(digest);
        assertThat(web.reader().isGuest("twin")).isFalse();
    }

    @Test
    void aManagedHostsGuestSettingsAreReadWithTheirDigestAndChangedOnlyOnThatDigest() {
        AgentHostDriver agent = bed.client();
        HostGuestSettings before = agent.guestSettings("web1");
        assertThat(before.context()).isEqualTo(40001);
        assertThat(before.digest()).isEqualTo(web.reader().readGuest("web1").digest());

        agent.apply("web1", before.digest(), new ConfigChange.SetUts("renamed", "example.org"));

        HostGuestSettings after = agent.guestSettings("web1");
        assertThat(after.nodename()).isEqualTo("renamed");
        assertThat(after.domainname()).isEqualTo("example.org");
        assertThatThrownBy(() -> agent.apply("web1", before.digest(), new ConfigChange.SetUts("again", null)))
                .isInstanceOf(ConfigConflictException.class);
        assertThatThrownBy(() -> agent.guestSettings("../etc")).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("guest");
        assertThat(agent.guestSettings("web1")).isEqualTo(after);
    }

    @Test
    void aChangeOnAStaleTreeIsRefusedByTheAgentNamingTheChangedFiles() throws Exception {
        String seen = web.reader().readGuest("web1").digest();
        Files.writeString(bed.configRoot.resolve("web1/context"), "40005\n");

        assertThatThrownBy(() -> bed.client().apply("web1", seen, new ConfigChange.SetDisabled(true)))
                .isInstanceOfSatisfying(ConfigConflictException.class, e -> assertThat(e.guest()).isEqualTo("web1"));
        assertThat(bed.configRoot.resolve("web1/disabled")).doesNotExist();
    }

    @Test
    void aGuestIsCreatedRestoredAndDeletedThroughTheAgent() throws Exception {
        GuestConfig created = web.createGuest(new NewGuest("new1", 40002, "new1", null,
                List.of(new InterfaceSpec("10.1.2.3", 24, "eth0", null, false)), null, false, Map.of()));
        assertThat(created.context()).isEqualTo(40002);
        web.setContextNext(40003);
        assertThat(Files.readString(bed.configRoot.resolve(".defaults/context.next"))).isEqualTo("40003\n");
        assertThat(Files.readString(bed.configRoot.resolve("new1/interfaces/0/ip"))).isEqualTo("10.1.2.3\n");

        Map<String, AcceptedEntry> accepted = new java.util.TreeMap<>();
        GuestConfigReader reader = web.reader();
        for (var entry : reader.readGuest("new1").manifest().fingerprints().entrySet()) {
            Path file = bed.configRoot.resolve("new1").resolve(entry.getKey());
            accepted.put(entry.getKey(), new AcceptedEntry(entry.getValue(),
                    Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(file) : null));
        }
        Files.writeString(bed.configRoot.resolve("new1/uts/nodename"), "by-hand\n");
        GuestConfig restored = web.restore("new1", reader.readGuest("new1").digest(), accepted);
        assertThat(restored.digest()).isEqualTo(created.digest());

        web.deleteGuest("new1", restored.digest());

        assertThat(bed.configRoot.resolve("new1")).doesNotExist();
        assertThat(sentToAgent).containsExactly("create new1", "contextNext 40003", "restore new1", "delete new1");
        assertThat(heard).containsExactly("created new1", "written new1 " + created.digest(), "deleted new1");
    }

    @Test
    void anInterruptedChangeIsPutBackThroughTheAgentOnlyWhenNobodyTouchedItsFiles() throws Exception {
        GuestConfig before = web.reader().readGuest("web1");
        List<PlannedFile> plan = new ArrayList<>();
        web.addListener(new ConfigWriteListener() {

            @Override
            public void filesPlanned(String guest, List<PlannedFile> files) {
                plan.addAll(files);
            }

            @Override
            public void written(String guest, GuestConfig after) {
            }

            @Override
            public void created(String guest, GuestConfig after) {
            }

            @Override
            public void deleted(String guest) {
            }
        });
        web.apply(before, new ConfigChange.SetLimits(Map.of("nofile", new LimitValues(64, 128))));

        assertThat(web.putBack("web1", plan)).isNotNull();
        assertThat(bed.configRoot.resolve("web1/rlimits/nofile.soft")).doesNotExist();
        assertThat(bed.configRoot.resolve("web1/rlimits/nofile.hard")).doesNotExist();
        assertThat(sentToAgent).containsExactly("apply web1 SetLimits", "putBack web1");
    }

    /** The real agent client, noting what reached it. */
    private ConfigTreeOwner recording(AgentHostDriver agent) {
        return new ConfigTreeOwner() {

            @Override
            public void apply(String guest, String expectedDigest, ConfigChange change) {
                sentToAgent.add("apply " + guest + " " + change.getClass().getSimpleName());
                agent.apply(guest, expectedDigest, change);
            }

            @Override
            public void create(NewGuest spec) {
                sentToAgent.add("create " + spec.name());
                agent.create(spec);
            }

            @Override
            public void delete(String guest, String expectedDigest) {
                sentToAgent.add("delete " + guest);
                agent.delete(guest, expectedDigest);
            }

            @Override
            public void restore(String guest, String expectedDigest, Map<String, AcceptedEntry> accepted) {
                sentToAgent.add("restore " + guest);
                agent.restore(guest, expectedDigest, accepted);
            }

            @Override
            public void setContextNext(int next) {
                sentToAgent.add("contextNext " + next);
                agent.setContextNext(next);
            }

            @Override
            public boolean putBack(String guest, List<PlannedFile> planned) {
                sentToAgent.add("putBack " + guest);
                return agent.putBack(guest, planned);
            }
        };
    }
}
