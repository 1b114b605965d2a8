package org.vsconsole.host.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.config.HostGrammar;

/**
 * Turns a guest's name into what the driver needs, from the agent's own config tree: the web
 * tier names guests and never describes them, so it cannot point the agent at another root or
 * context than the one the host's config gives.
 */
final class AgentGuests {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    static final String NAME_RULE = "a guest name: 1-63 lower-case ASCII letters, digits, '.', '_' or '-', starting with a letter or digit";
    static final int MAX_GUESTS = 100_000;

    private final GuestConfigReader reader;
    private final Path guestsRoot;
    private final HostDriver driver;

    AgentGuests(GuestConfigReader reader, Path guestsRoot, HostDriver driver) {
        this.reader = reader;
        this.guestsRoot = guestsRoot.toAbsolutePath().normalize();
        this.driver = driver;
    }

    /** The config of a guest the agent has checked by {@link #spec(AgentRequest, String)}. */
    org.vsconsole.host.config.GuestConfig config(GuestSpec guest) {
        return reader.readGuest(guest.name());
    }

    /** What a move of the checked guest carries, and what it leaves. */
    org.vsconsole.host.MovableGuest movable(GuestSpec guest) {
        return org.vsconsole.host.MovableGuest.of(config(guest), guestsRoot);
    }

    /** The guest the request's {@code field} names, which must exist on this host. */
    GuestSpec spec(AgentRequest request, String field) {
        String name = request.text(field, NAME, NAME_RULE, 63);
        if (!reader.isGuest(name)) {
            throw new InvalidInputException(field, "no guest '" + name + "' on this host");
        }
        return spec(reader.readGuest(name));
    }

    /** The guests the request's list names; names no longer on disk are left out, as a guest removed meanwhile is. */
    List<GuestSpec> specs(AgentRequest request, String field) {
        List<GuestSpec> out = new ArrayList<>();
        for (String name : request.texts(field, NAME, NAME_RULE, MAX_GUESTS, 63)) {
            if (reader.isGuest(name)) {
                out.add(spec(reader.readGuest(name)));
            }
        }
        return out;
    }

    /**
     * Every guest of this host's config tree, whether it runs (with its {@code vserver-stat}
     * figures), and why the agent would refuse it. Which run comes from one {@code figures} read
     * for all of them: asking each guest in turn would run {@code vserver NAME status} once per
     * guest on every look. The limit rows are left out: a look every few seconds does not need them.
     */
    List<HostGuest> list() {
        List<GuestSpec> specs = new ArrayList<>();
        List<HostGuest> refused = new ArrayList<>();
        for (GuestConfig config : reader.readAllGuests()) {
            try {
                specs.add(spec(config));
            } catch (HostOperationException e) {
                refused.add(new HostGuest(config.name(), config.context(), false, e.getMessage()));
            }
        }
        // context 0 is the host's: a guest without a static context that does not run has none
        var running = driver.figures(specs.stream().filter(s -> s.xid() != 0).toList());
        List<HostGuest> out = new ArrayList<>(refused);
        for (GuestSpec s : specs) {
            ContextFigures f = s.xid() == 0 ? null : running.get(s.xid());
            out.add(new HostGuest(s.name(), s.xid() == 0 ? null : s.xid(), f != null, null, f == null ? null : f.withoutLimits()));
        }
        out.sort(java.util.Comparator.comparing(HostGuest::name));
        return out;
    }

    boolean exists(String name) {
        return HostGrammar.isGuestName(name) && reader.isGuest(name);
    }

    /**
     * Refuses a root another guest's config also names (the same folder, or one inside the other):
     * building or deleting it would touch that guest's files.
     */
    /** Bytes free for guest trees, where a tree moved here would go. */
    long freeBytes() {
        return org.vsconsole.host.TreeSpace.freeBytes(guestsRoot);
    }

    void requireOwnRoot(GuestSpec guest) {
        for (GuestConfig other : reader.readAllGuests()) {
            if (other.name().equals(guest.name())) {
                continue;
            }
            Path theirs = GuestSpecs.rootOf(other, guestsRoot);
            if (theirs.startsWith(guest.rootDir()) || guest.rootDir().startsWith(theirs)) {
                throw new HostOperationException("guest", guest.name(), "the root " + guest.rootDir() + " is also guest '"
                        + other.name() + "''s (" + theirs + "); the agent touches no folder two guests share");
            }
        }
    }

    /**
     * A guest without a static context is addressed by the dynamic one it runs on, if it runs. Its
     * root must lie inside the guests' root: the config tree may be written by the web tier, and
     * a {@code vdir} link aimed elsewhere must not make the agent build, run or delete there.
     */
    private GuestSpec spec(GuestConfig config) {
        GuestSpec s = GuestSpecs.from(config, guestsRoot);
        Path root = s.rootDir().normalize();
        if (!root.startsWith(guestsRoot) || root.equals(guestsRoot)) {
            throw new HostOperationException("guest", config.name(), "its root " + root + " is outside " + guestsRoot
                    + ", where this host keeps guest roots; the agent runs no guest from elsewhere");
        }
        if (config.context() != null) {
            return s;
        }
        OptionalInt dynamic = driver.dynamicContext(config.configDir());
        if (dynamic.isEmpty()) {
            return s;
        }
        return s.withXid(dynamic.getAsInt());
    }
}
