package org.vsconsole.host.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
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
        this.guestsRoot = guestsRoot;
        this.driver = driver;
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

    boolean exists(String name) {
        return HostGrammar.isGuestName(name) && reader.isGuest(name);
    }

    /** A guest without a static context is addressed by the dynamic one it runs on, if it runs. */
    private GuestSpec spec(GuestConfig config) {
        GuestSpec s = GuestSpecs.from(config, guestsRoot);
        if (config.context() != null) {
            return s;
        }
        OptionalInt dynamic = driver.dynamicContext(config.configDir());
        if (dynamic.isEmpty()) {
            return s;
        }
        return new GuestSpec(s.name(), dynamic.getAsInt(), s.configDir(), s.rootDir(), s.nodename(), s.domainname(),
                s.tmpSize(), s.interfaces(), s.rlimits(), s.personality(), s.diskLimit(), s.removedCapabilities());
    }
}
