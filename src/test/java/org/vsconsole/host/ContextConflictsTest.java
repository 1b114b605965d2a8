package org.vsconsole.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsconsole.base.ActionRefusedException;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;

/** The holder rule of a context several config trees claim, on trees written as an admin would. */
class ContextConflictsTest {

    @TempDir
    Path root;

    private static final ContextConflicts.Occupants CANNOT_TELL = (xid, claimants) -> Optional.empty();

    @Test
    void guestsWithContextsOfTheirOwnAreNeverInConflict() throws IOException {
        List<GuestConfig> guests = trees("web1", 4242, "web2", 4243, "mail", 4244);
        ContextConflicts conflicts = ContextConflicts.resolve(guests, Set.of(4242), CANNOT_TELL);
        assertThat(conflicts.all()).isEmpty();
        assertThat(conflicts.runs(guest(guests, "web1"))).isTrue();
        assertThat(conflicts.runs(guest(guests, "web2"))).isFalse();
    }

    @Test
    void whenNoClaimantRunsTheNameThatSortsLaterIsInConflict() throws IOException {
        List<GuestConfig> guests = trees("web2", 4242, "web1", 4242);
        ContextConflicts conflicts = ContextConflicts.resolve(guests, Set.of(), (xid, claimants) -> {
            throw new AssertionError("a context that does not run has nobody inside to ask about");
        });
        assertThat(conflicts.all()).containsOnlyKeys("web2");
        assertThat(conflicts.of("web2").orElseThrow().reason()).isEqualTo("context 4242 is also claimed by guest web1");
    }

    @Test
    void theOneClaimantThatRunsHoldsTheContextWhateverItsName() throws IOException {
        List<GuestConfig> guests = trees("alpha", 4242, "zeta", 4242);
        ContextConflicts conflicts = ContextConflicts.resolve(guests, Set.of(4242), (xid, claimants) -> Optional.of("zeta"));
        assertThat(conflicts.of("alpha").orElseThrow().heldBy()).isEqualTo("zeta");
        assertThat(conflicts.of("zeta")).isEmpty();
        assertThat(conflicts.runs(guest(guests, "zeta"))).isTrue();
        assertThat(conflicts.runs(guest(guests, "alpha"))).as("never both running").isFalse();
    }

    @Test
    void whenItCannotBeToldWhichClaimantRunsTheNameDecides() throws IOException {
        List<GuestConfig> guests = trees("b", 4242, "a", 4242, "c", 4242);
        ContextConflicts conflicts = ContextConflicts.resolve(guests, Set.of(4242), CANNOT_TELL);
        assertThat(conflicts.all()).containsOnlyKeys("b", "c");
        assertThat(conflicts.all().values()).extracting(ContextConflict::heldBy).containsOnly("a");
    }

    @Test
    void anOccupantThatIsNoClaimantDoesNotCount() throws IOException {
        List<GuestConfig> guests = trees("b", 4242, "a", 4242);
        // e.g. a record left by a guest that was deleted since
        ContextConflicts conflicts = ContextConflicts.resolve(guests, Set.of(4242), (xid, claimants) -> Optional.of("gone"));
        assertThat(conflicts.of("b").orElseThrow().heldBy()).isEqualTo("a");
    }

    @Test
    void actionsOnAGuestInConflictAreRefusedNamingTheHolder() throws IOException {
        ContextConflicts conflicts = ContextConflicts.resolve(trees("web1", 4242, "web2", 4242), Set.of(), CANNOT_TELL);
        conflicts.refuseIfInConflict("web1");
        assertThatThrownBy(() -> conflicts.refuseIfInConflict("web2")).isInstanceOf(ActionRefusedException.class)
                .hasMessage("context: context 4242 is also claimed by guest web1");
    }

    /** Name, context, name, context, … written as minimal config trees and read back. */
    private List<GuestConfig> trees(Object... nameAndContext) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < nameAndContext.length; i += 2) {
            Path dir = Files.createDirectories(root.resolve((String) nameAndContext[i]));
            Files.writeString(dir.resolve("context"), nameAndContext[i + 1] + "\n");
            names.add((String) nameAndContext[i]);
        }
        return new GuestConfigReader(root).readAllGuests().stream().filter(g -> names.contains(g.name())).toList();
    }

    private static GuestConfig guest(List<GuestConfig> guests, String name) {
        return guests.stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }
}
