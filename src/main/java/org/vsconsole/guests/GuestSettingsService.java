package org.vsconsole.guests;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.base.GuestLocks;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.base.StateConflictException;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.host.config.InterfaceEntry;
import org.vsconsole.host.config.InterfaceSpec;
import org.vsconsole.host.config.VserverNames;
import org.vsconsole.sync.SyncService;
import org.jspecify.annotations.Nullable;

/**
 * Edits of an existing guest's configuration: host name, context, addresses, capabilities and
 * personality. Staff only (an owner
 * moving their guest's address could take another tenant's), each against the digest the editor
 * read so a stale edit is refused with the files that changed, under the guest's lock, refused
 * for a guest not adopted yet, audited
 * with before and after. The host's grammar and the writer check every value and that no other
 * guest holds the context or address. All of it takes effect when the guest next starts (the
 * driver builds the context from these files then), which each answer says. What the audit rows
 * show of each setting is {@link SettingsShown}'s.
 */
@Service
public class GuestSettingsService {

    /** What an edit leaves: the tree as written, and when the running guest will see it. */
    public record Saved(GuestConfig config, String takesEffect) {

        static Saved of(GuestConfig config, boolean running) {
            return new Saved(config, running ? "at the next start: the guest is running" : "at the next start");
        }
    }

    private final GuestService guests;
    private final GuestConfigWriter writer;
    private final AuditService audit;
    private final GuestLocks locks;
    private final SyncService sync;

    GuestSettingsService(GuestService guests, GuestConfigWriter writer, AuditService audit, GuestLocks locks,
            SyncService sync) {
        this.sync = sync;
        this.guests = guests;
        this.writer = writer;
        this.audit = audit;
        this.locks = locks;
    }

    /** The host name ({@code uts/nodename}) and, when given, the domain ({@code uts/domainname}). */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR') and @currentUser.maySee(#name)")
    @AuditedAction(AuditActions.GUEST_SET_HOSTNAME)
    public Saved setHostName(String name, @Nullable String hostname, @Nullable String domain, @Nullable String digest) {
        GuestConfig before = guests.config(name);
        return edit(AuditActions.GUEST_SET_HOSTNAME, before, digest, SettingsShown.uts(before), () -> {
            if (hostname == null || hostname.isBlank()) {
                throw new InvalidInputException("hostname", "a host name is required");
            }
            return new ConfigChange.SetUts(hostname.strip(), blankToNull(domain));
        }, SettingsShown::uts);
    }

    /**
     * The guest's context id. Refused while the guest runs: the running context keeps its id, and
     * a second context under the new one would be the same guest twice.
     */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR') and @currentUser.maySee(#name)")
    @AuditedAction(AuditActions.GUEST_SET_CONTEXT)
    public Saved setContext(String name, @Nullable String context, @Nullable String digest) {
        GuestConfig before = guests.config(name);
        return edit(AuditActions.GUEST_SET_CONTEXT, before, digest, SettingsShown.contextOf(before),
                () -> new ConfigChange.SetContext(HostGrammar.contextId(context == null ? "" : context.strip())),
                SettingsShown::contextOf, () -> {
                    if (guests.isRunning(name)) {
                        throw new StateConflictException("state", "'" + name + "' is running; stop it before changing its context");
                    }
                });
    }

    /**
     * The static context to offer a guest that has none (one on a dynamic context, or with an
     * unusable {@code context} file): the lowest id of 2..49151 that no guest on disk names and
     * no running context uses. Only a proposal; {@link #setContext} checks again when it is written.
     */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR') and @currentUser.maySee(#name)")
    public int proposeStaticContext(String name) {
        guests.config(name);
        java.util.Set<Integer> used = new java.util.HashSet<>(guests.runningContexts());
        guests.allConfigs().forEach(c -> {
            if (c.context() != null) {
                used.add(c.context());
            }
        });
        for (int xid = HostGrammar.MIN_XID; xid <= HostGrammar.MAX_XID; xid++) {
            if (!used.contains(xid)) {
                return xid;
            }
        }
        throw new InvalidInputException("context", "no free static context: every id " + HostGrammar.MIN_XID + ".."
                + HostGrammar.MAX_XID + " is used");
    }

    /** One address entry ({@code interfaces/<id>/}): address, prefix and host device; its label stays. */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR') and @currentUser.maySee(#name)")
    @AuditedAction(AuditActions.GUEST_SET_INTERFACE)
    public Saved setInterface(String name, @Nullable String id, @Nullable String ip, @Nullable String prefix,
            @Nullable String dev, @Nullable String digest) {
        GuestConfig before = guests.config(name);
        InterfaceEntry entry = before.interfaceById(id == null ? "" : id);
        return edit(AuditActions.GUEST_SET_INTERFACE, before, digest, entry == null ? null : SettingsShown.interfaceOf(before, entry.id()),
                () -> {
                    HostGrammar.interfaceId(id);
                    if (entry == null) {
                        throw new InvalidInputException("interface", "'" + name + "' has no address entry '" + id + "'");
                    }
                    return new ConfigChange.SetInterface(entry.id(), InterfaceSpec.typed(ip, prefix, dev, entry.name(), entry.nodev()));
                }, after -> entry == null ? null : SettingsShown.interfaceOf(after, entry.id()));
    }

    /** A further address, as the next free {@code interfaces/<n>/}. */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR') and @currentUser.maySee(#name)")
    @AuditedAction(AuditActions.GUEST_ADD_INTERFACE)
    public Saved addInterface(String name, @Nullable String ip, @Nullable String prefix, @Nullable String dev,
            @Nullable String digest) {
        GuestConfig before = guests.config(name);
        return edit(AuditActions.GUEST_ADD_INTERFACE, before, digest, SettingsShown.addresses(before),
                () -> new ConfigChange.AddInterface(InterfaceSpec.typed(ip, prefix, dev, null, false)), SettingsShown::addresses);
    }

    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR') and @currentUser.maySee(#name)")
    @AuditedAction(AuditActions.GUEST_REMOVE_INTERFACE)
    public Saved removeInterface(String name, @Nullable String id, @Nullable String digest) {
        GuestConfig before = guests.config(name);
        return edit(AuditActions.GUEST_REMOVE_INTERFACE, before, digest, SettingsShown.addresses(before),
                () -> new ConfigChange.RemoveInterface(HostGrammar.interfaceId(id)), SettingsShown::addresses);
    }

    /** The guest's system and context capabilities as it gets them, and where they apply on this host. */
    @PreAuthorize("@currentUser.maySee(#name)")
    public GuestCapabilities capabilities(String name) {
        return GuestCapabilities.of(guests.config(name), guests.driverName());
    }

    @PreAuthorize("@currentUser.maySee(#name)")
    public GuestPersonality personality(String name) {
        return GuestPersonality.of(guests.config(name), guests.driverName());
    }

    /**
     * Gives the guest exactly these system ({@code bcapabilities}) and/or context
     * ({@code ccapabilities}) capabilities; null leaves that set as it is. Names only from the
     * documented lists; on the linux driver none that reaches past the guest.
     */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR') and @currentUser.maySee(#name)")
    @AuditedAction(AuditActions.GUEST_SET_CAPABILITIES)
    public Saved setCapabilities(String name, java.util.@Nullable Collection<String> system,
            java.util.@Nullable Collection<String> context, @Nullable String digest) {
        GuestConfig before = guests.config(name);
        java.util.Set<String> sys = system == null ? null : new java.util.LinkedHashSet<>(nonNull(system));
        java.util.Set<String> ctx = context == null ? null : new java.util.LinkedHashSet<>(nonNull(context));
        String driver = guests.driverName();
        // checked inside the audited edit, so a refused name leaves its row too; the writer checks each name again
        Saved saved = edit(AuditActions.GUEST_SET_CAPABILITIES, before, digest, SettingsShown.capabilitiesOf(before),
                () -> new ConfigChange.SetCapabilities(sys, ctx), SettingsShown::capabilitiesOf, () -> {
                    if (sys == null && ctx == null) {
                        throw new InvalidInputException("capabilities", "give the system or the context capabilities (or both)");
                    }
                    CapabilityEffects.requireAllowed(driver, canonical(VserverNames.CapabilityFile.SYSTEM, sys));
                });
        String effect = sys != null && ctx != null
                ? "for the system capabilities " + CapabilityEffects.system(driver) + "; for the context capabilities "
                        + CapabilityEffects.context(driver)
                : sys != null ? CapabilityEffects.system(driver) : CapabilityEffects.context(driver);
        return new Saved(saved.config(), effect);
    }

    /** Writes {@code personality}: a type and its flags, or (type empty) no personality at all. */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR') and @currentUser.maySee(#name)")
    @AuditedAction(AuditActions.GUEST_SET_PERSONALITY)
    public Saved setPersonality(String name, @Nullable String type, java.util.@Nullable List<String> flags,
            @Nullable String digest) {
        GuestConfig before = guests.config(name);
        String bareType = type == null || type.isBlank() ? null : type;
        java.util.List<String> bareFlags = flags == null ? java.util.List.of() : nonNull(flags);
        // the writer checks type and flags inside the audited edit (VserverNames.personalityText)
        Saved saved = edit(AuditActions.GUEST_SET_PERSONALITY, before, digest, SettingsShown.personalityOf(before),
                () -> new ConfigChange.SetPersonality(bareType, bareFlags), SettingsShown::personalityOf);
        var written = saved.config().personality();
        return new Saved(saved.config(), CapabilityEffects.personality(guests.driverName(),
                written == null ? null : written.type(), written == null ? java.util.List.of() : written.flags()));
    }

    /** JSON may carry nulls in a list; each becomes an empty name, which the grammar refuses by field. */
    private static java.util.List<String> nonNull(java.util.Collection<String> names) {
        return names.stream().map(n -> n == null ? "" : n).toList();
    }

    private Saved edit(String action, GuestConfig before, @Nullable String digest, @Nullable Object shownBefore,
            java.util.function.Supplier<ConfigChange> change,
            java.util.function.Function<GuestConfig, @Nullable Object> shownAfter) {
        return edit(action, before, digest, shownBefore, change, shownAfter, () -> {
        });
    }

    /**
     * One settings edit, audited whatever happens: the values are checked ({@code change} builds
     * the change and refuses a bad value by field) inside the audited step, so a refusal leaves its
     * row like a success does.
     */
    private Saved edit(String action, GuestConfig before, @Nullable String digest, @Nullable Object shownBefore,
            java.util.function.Supplier<ConfigChange> change,
            java.util.function.Function<GuestConfig, @Nullable Object> shownAfter, Runnable precondition) {
        String name = before.name();
        GuestConfig[] written = new GuestConfig[1];
        audit.audited(action, GuestService.target(before), shownBefore, () -> locks.withLock(name, action, () -> {
            if (digest == null || digest.isBlank()) {
                throw new InvalidInputException("digest", "required: the digest of the configuration the edit was made on");
            }
            sync.refuseIfUnmanaged(name);
            precondition.run();
            ConfigChange checked = change.get();
            try {
                written[0] = writer.apply(name, digest, checked);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the config of '" + name + "': " + e.getMessage(), e);
            }
            return shownAfter.apply(written[0]);
        }));
        return Saved.of(written[0], guests.isRunning(name));
    }

    private static java.util.@Nullable Set<String> canonical(VserverNames.CapabilityFile file,
            java.util.@Nullable Collection<String> names) {
        if (names == null) {
            return null;
        }
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        names.forEach(n -> out.add(file.name(n)));
        return out;
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
