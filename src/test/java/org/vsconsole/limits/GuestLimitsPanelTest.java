package org.vsconsole.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.host.ContextFigures.LimitFigure;
import org.vsconsole.host.config.ConfigManifest;

/** The Limits tab, browserless: an admin edits nproc and applies and saves it; bad input, conflicts, disk limit state. */
@WithMockUser(username = "admin", roles = "ADMIN")
class GuestLimitsPanelTest extends LimitsTestBase {

    @Autowired
    DiskLimitService disks;

    @Autowired
    TmpSizeService tmp;

    @Autowired
    LimitService limits;

    private GuestLimitsPanel open(String guest) {
        GuestLimitsPanel panel = new GuestLimitsPanel(limits, disks, tmp, guest, true);
        UI.getCurrent().add(panel);
        return panel;
    }

    @Test
    void adminEditsNprocAndAppliesAndSavesIt() throws Exception {
        String guest = newGuest(true);
        setFigure(guest, "nproc", new LimitFigure(23, 0, 41, 150, 150, 2));
        ConfigManifest before = config(guest).manifest();
        open(guest);
        assertThat($(Span.class).id("limit-nproc-hits").getElement().getTextRecursively()).contains("2 refused");
        assertThat($(Span.class).id("limit-nproc-live").getText()).isEqualTo("150 / 150");
        assertThat($(Span.class).id("limit-nproc-differs").getElement().getTextRecursively()).contains("differs");

        test($(TextField.class).id("limit-nproc-soft")).setValue("100");
        test($(TextField.class).id("limit-nproc-hard")).setValue("120");
        test($(Button.class).id("limits-apply-save")).click();

        assertThat(driver.callsFor(guest)).containsExactly("setLimitLive " + guest + " nproc 100/120");
        assertThat(before.differences(config(guest).manifest())).containsExactly("rlimits/nproc.hard", "rlimits/nproc.soft");
        assertThat(Files.readString(config(guest).configDir().resolve("rlimits/nproc.soft"))).isEqualTo("100\n");
        assertThat($(Span.class).id("limit-nproc-live").getText()).isEqualTo("100 / 120");
        assertThat($(TextField.class).id("limit-nproc-soft").getValue()).isEqualTo("100");
        assertThat($(Span.class).id("limit-nproc-differs").getElement().getTextRecursively()).doesNotContain("differs");
    }

    @Test
    void editsNotYetAppliedSurviveAPushAndAreCheckedAgainstWhatChanged() throws Exception {
        String guest = newGuest(false);
        GuestLimitsPanel panel = open(guest);
        test($(TextField.class).id("limit-nproc-soft")).setValue("10");
        test($(TextField.class).id("limit-nproc-hard")).setValue("20");
        Files.writeString(config(guest).configDir().resolve("rlimits/nofile"), "2048\n");

        panel.refresh(); // what the guest page does when the guest's files change

        assertThat($(TextField.class).id("limit-nproc-soft").getValue()).isEqualTo("10");
        assertThat($(Div.class).id("limits-edits-kept").getElement().getTextRecursively()).contains("Your values are kept");
        test($(Button.class).id("limits-save")).click();
        assertThat($(ListItem.class).all()).extracting(ListItem::getText).contains("rlimits/nofile");
        assertThat(config(guest).rlimits()).doesNotContainKey("nproc");
    }

    @Test
    void withoutEditsAPushShowsTheNewValues() throws Exception {
        String guest = newGuest(false);
        GuestLimitsPanel panel = open(guest);
        Files.writeString(config(guest).configDir().resolve("rlimits/nofile"), "2048\n");

        panel.refresh();

        assertThat($(TextField.class).id("limit-nofile-soft").getValue()).isEqualTo("2048");
        assertThat($(Div.class).all()).noneMatch(d -> d.getId().filter("limits-edits-kept"::equals).isPresent());
    }

    @Test
    void badValueIsShownAtTheFieldAndNothingHappens() {
        String guest = newGuest(true);
        ConfigManifest before = config(guest).manifest();
        open(guest);
        TextField soft = $(TextField.class).id("limit-nproc-soft");
        test(soft).setValue("1.5");
        test($(TextField.class).id("limit-nproc-hard")).setValue("120");
        test($(Button.class).id("limits-save")).click();

        assertThat(soft.isInvalid()).isTrue();
        assertThat(soft.getErrorMessage()).contains("whole number");
        assertThat(config(guest).manifest()).isEqualTo(before);
        assertThat(driver.callsFor(guest)).isEmpty();
    }

    @Test
    void conflictOpensADialogNamingTheFileAndReloadShowsTheNewValues() throws Exception {
        String guest = newGuest(false);
        open(guest);
        // typed first: a panel with no edits would follow the hand edit at the next tick
        test($(TextField.class).id("limit-nproc-soft")).setValue("10");
        test($(TextField.class).id("limit-nproc-hard")).setValue("20");
        Files.writeString(config(guest).configDir().resolve("rlimits/nofile"), "2048\n");
        test($(Button.class).id("limits-save")).click();

        assertThat($(ListItem.class).all()).extracting(ListItem::getText).contains("rlimits/nofile");
        assertThat(config(guest).rlimits()).doesNotContainKey("nproc");
        test($(Button.class).id("limits-reload")).click();
        assertThat($(TextField.class).id("limit-nofile-soft").getValue()).isEqualTo("2048");
    }

    @Test
    void tmpSizeFromThePanel() throws Exception {
        String guest = newGuest(true);
        open(guest);
        test($(TextField.class).id("tmp-size")).setValue("128m");
        test($(Button.class).id("tmp-apply")).click();
        assertThat(Files.readString(config(guest).configDir().resolve("fstab"))).contains("size=128m");
        assertThat(driver.callsFor(guest)).containsExactly("remountTmp " + guest + " 128m");
    }

    @Test
    void theDiskLimitShowsWhetherItIsEnforcedWithTheKernelsCount() throws Exception {
        String guest = newGuest(false);
        open(guest);
        assertThat($(Paragraph.class).id("disk-enforced").getText())
                .isEqualTo("Disk limit not enforced: no disk limit set.");
        assertThat($(Span.class).all()).extracting(Span::getId).doesNotContain(Optional.of("disk-quota-usage"));

        var root = Files.readSymbolicLink(config(guest).configDir().resolve("vdir"));
        test($(TextField.class).id("dlimit-directory")).setValue(root.toString());
        test($(TextField.class).id("dlimit-space")).setValue("2048");
        test($(TextField.class).id("dlimit-inodes")).setValue("100");
        test($(Button.class).id("dlimit-save")).click();

        assertThat(driver.callsFor(guest)).containsExactly("applyDiskQuota " + guest + " 2048KiB/100");
        assertThat($(Paragraph.class).id("disk-enforced").getText())
                .startsWith("Disk limit enforced (fake project quota ");
        assertThat($(Span.class).id("disk-quota-usage").getText())
                .isEqualTo("Counted by the kernel: 300 KiB of 2048 KiB, 5 of 100 inodes used.");
    }
}
