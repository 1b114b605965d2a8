package org.vsconsole.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.vsconsole.base.StateConflictException;
import org.vsconsole.limits.DiskLimitEdit;
import org.vsconsole.limits.DiskLimitService;
import org.vsconsole.limits.LimitEdit;
import org.vsconsole.limits.LimitService;
import org.vsconsole.limits.TmpSizeService;
import org.vsconsole.sync.DriftDecisions;
import org.vsconsole.sync.SyncService;

/**
 * A guest directory made on the host by hand (listed as unmanaged: never adopted) cannot be
 * started, stopped or changed until an admin adopts it: the console would otherwise take a tree
 * nobody reviewed as its baseline, and a hand copy often still points at another guest's root.
 * Each refusal is a 409 naming the guest and "adopt it first", audited as denied; the driver and
 * the files are untouched; the guest page disables the actions and says why; after Adopt the
 * same start works.
 */
@WithMockUser(username = "admin", roles = "ADMIN")
class UnmanagedGuestActionsTest extends GuestsTestBase {

    @Autowired
    GuestService guests;

    @Autowired
    LimitService limits;

    @Autowired
    TmpSizeService tmp;

    @Autowired
    DiskLimitService disks;

    @Autowired
    SyncService sync;

    @Autowired
    GuestProcessService processes;

    @Autowired
    GuestSettingsService settings;

    @Autowired
    DriftDecisions decisions;

    @Autowired
    WebApplicationContext context;

    @Autowired
    org.vsconsole.host.HostProperties host;

    @Test
    void everyStartStopAndChangeOfAnUnmanagedGuestIsRefusedNamingItAndAudited() throws Exception {
        handMade("um-src", "um1", 4701, "10.67.0.1", "10.67.0.2");
        assertThat(guests.unmanaged("um1")).isTrue();
        String digest = limits.limits("um1").digest();
        Path dir = writer.reader().configRoot().resolve("um1");
        Map<String, String> filesBefore = snapshot(dir);
        String root = org.vsconsole.host.GuestSpecs.from(guests.config("um1"), host.guestsRoot()).rootDir().toString();

        Map<String, Runnable> actions = new LinkedHashMap<>();
        actions.put("guest.start", () -> guests.start("um1"));
        actions.put("guest.stop", () -> guests.stop("um1"));
        actions.put("guest.restart", () -> guests.restart("um1"));
        actions.put("guest.set-boot-mark", () -> guests.setStartsAtBoot("um1", true, digest));
        actions.put("limits.set", () -> limits.apply("um1", Map.of("nproc", new LimitEdit("100", "120")), false, true, digest));
        actions.put("limits.tmp-size", () -> tmp.setTmpSize("um1", "32m", false, true, digest));
        actions.put("limits.disk-set", () -> disks.setDiskLimit("um1", new DiskLimitEdit("root", root, "1000", "1000", "5"), digest));
        actions.put("limits.disk-remove", () -> disks.removeDiskLimit("um1", "root", digest));
        actions.put("guest.exec", () -> processes.exec("um1", java.util.List.of("id"), line -> {
        }));
        actions.put("guest.kill", () -> processes.kill("um1", 14701, "TERM"));
        actions.put("guest.signal-all", () -> processes.signalAll("um1", "TERM"));
        actions.put("guest.set-hostname", () -> settings.setHostName("um1", "renamed", null, digest));
        actions.forEach((action, call) -> {
            assertThatThrownBy(call::run).as(action).isInstanceOf(StateConflictException.class)
                    .hasMessageContaining("'um1'").hasMessageContaining("adopt it first");
            Map<String, Object> row = lastAudit(action, "um1");
            assertThat(row.get("outcome")).as(action).isEqualTo("denied");
            assertThat((String) row.get("message")).as(action).contains("adopt it first");
        });
        assertThat(kernel.callsFor("um1")).as("the driver never heard of um1").isEmpty();
        assertThat(snapshot(dir)).as("no file of um1 was written").isEqualTo(filesBefore);
    }

    @Test
    void restAnswers409NamingTheGuest() throws Exception {
        handMade("um-src2", "um2", 4703, "10.67.0.3", "10.67.0.4");
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity()).build();
        mvc.perform(post("/api/v1/guests/um2/start").with(user("ops").roles("OPERATOR")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("guest"))
                .andExpect(jsonPath("$.rule").value(org.hamcrest.Matchers.containsString("'um2'")))
                .andExpect(jsonPath("$.rule").value(org.hamcrest.Matchers.containsString("adopt it first")));
        assertThat(lastAudit("guest.start", "um2").get("actor")).isEqualTo("ops");
        assertThat(lastAudit("guest.start", "um2").get("outcome")).isEqualTo("denied");
        assertThat(kernel.inside(4704)).isEmpty();
    }

    @Test
    void onceAdoptedItStarts() {
        handMade("um-src4", "um4", 4707, "10.67.0.7", "10.67.0.8");
        assertThatThrownBy(() -> guests.start("um4")).isInstanceOf(StateConflictException.class);
        decisions.adopt("um4");
        guests.start("um4");
        assertThat(kernel.inside(4708)).as("adopted, it starts").contains("um4");
        guests.stop("um4");
    }

    @Test
    void aDirectoryMadeAMomentAgoIsRefusedBeforeTheRegistryHasSeenIt() {
        guest("um-src5", 4709, "10.67.0.9");
        Path from = writer.reader().configRoot().resolve("um-src5");
        Path to = writer.reader().configRoot().resolve("um5");
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS);
            }
            Files.writeString(to.resolve("interfaces/0/ip"), "10.67.0.10\n");
            Files.writeString(to.resolve("context"), "4710\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // no reconcile: the watcher's debounce is not over
        assertThatThrownBy(() -> guests.start("um5")).isInstanceOf(StateConflictException.class)
                .hasMessageContaining("adopt it first");
        assertThat(kernel.inside(4710)).isEmpty();
    }

    @Test
    void theGuestPageDisablesTheActionsAndSaysToAdoptFirst() {
        handMade("um-src3", "um3", 4705, "10.67.0.5", "10.67.0.6");
        sampler.sample();

        navigate("guests/um3", GuestDetailView.class);
        assertThat($(Button.class).id("guest-start").isEnabled()).isFalse();
        assertThat($(Button.class).id("guest-stop").isEnabled()).isFalse();
        assertThat($(Button.class).id("guest-restart").isEnabled()).isFalse();
        assertThat($(Checkbox.class).id("guest-boot-mark").isEnabled()).isFalse();
        assertThat($(Span.class).id("guest-figures").getText()).contains("um3").contains("adopt it first");
        assertThat($(Button.class).id("guest-start").getTooltip().getText()).contains("adopt it first");

        decisions.adopt("um3");
        navigate("guests/um3", GuestDetailView.class);
        assertThat($(Button.class).id("guest-start").isEnabled()).isTrue();
    }

    /**
     * {@code name} made by hand: a copy of a console-made guest's tree with a context and address
     * of its own (so it is in no conflict), then found by the reconcile as unmanaged.
     */
    private void handMade(String source, String name, int xid, String sourceIp, String ip) {
        guest(source, xid, sourceIp);
        Path from = writer.reader().configRoot().resolve(source);
        Path to = writer.reader().configRoot().resolve(name);
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS);
            }
            Files.writeString(to.resolve("interfaces/0/ip"), ip + "\n");
            Files.writeString(to.resolve("context"), (xid + 1) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sync.reconcileGuest(name);
        sampler.treeChanged();
        assertThat(sync.status(name).orElseThrow().unmanaged()).isTrue();
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (var files = Files.walk(dir)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(dir.relativize(f).toString(), Files.readString(f));
                }
            }
        }
        return out;
    }
}
