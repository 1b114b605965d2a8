package org.vsconsole.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;
import org.vsconsole.base.InvalidInputException;

class UpdateRequestValidatorTest {

    private static final List<String> EXISTING = List.of("web1", "web2", "mail");

    private static UpdatePlan valid(UpdateRequest r) {
        return UpdateRequestValidator.validate(r, EXISTING, g -> !g.equals("mail"));
    }

    private static void refused(UpdateRequest r, String field, String rule) {
        assertThatThrownBy(() -> valid(r)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).contains(rule);
        });
    }

    @Test
    void allMeansEveryGuestTheUserMayUpdate() {
        UpdatePlan plan = valid(new UpdateRequest(null, true, "dist-upgrade", null, true, null));

        assertThat(plan.guests()).containsExactly("web1", "web2");
        assertThat(plan.action()).isEqualTo(UpdateAction.DIST_UPGRADE);
        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.startStopped()).isFalse();
    }

    @Test
    void hostileValuesAreRefusedWithTheFieldNamed() {
        refused(new UpdateRequest(List.of("web1"), false, "autoremove; reboot", null, false, null), "action", "one of");
        refused(new UpdateRequest(List.of("web1"), false, "install", List.of("-oAPT::Update::Pre-Invoke::=id"), false, null),
                "packages", "not a Debian package name");
        refused(new UpdateRequest(List.of("web1"), false, "install", List.of("hello;rm"), false, null), "packages", "");
        refused(new UpdateRequest(List.of("web1"), false, "install", List.of("Hello"), false, null), "packages", "");
        refused(new UpdateRequest(List.of("web1"), false, "install", List.of(), false, null), "packages", "at least one");
        refused(new UpdateRequest(List.of("web1"), false, "upgrade", List.of("hello"), false, null), "packages", "takes no");
        refused(new UpdateRequest(List.of("../etc"), false, "upgrade", null, false, null), "guests", "");
        refused(new UpdateRequest(List.of("ghost"), false, "upgrade", null, false, null), "guests", "no guest 'ghost'");
        refused(new UpdateRequest(List.of(), false, "upgrade", null, false, null), "guests", "at least one");
        refused(new UpdateRequest(List.of("web1"), false, "upgrade", null, false, "reboot"), "stoppedGuests", "skip or start");
        refused(null, "request", "required");
    }

    @Test
    void aGuestTheUserMayNotUpdateIsDeniedNotSkipped() {
        assertThatThrownBy(() -> valid(new UpdateRequest(List.of("web1", "mail"), false, "upgrade", null, false, null)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("mail");
    }
}
