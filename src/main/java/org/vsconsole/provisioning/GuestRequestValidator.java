package org.vsconsole.provisioning;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.BuildRequest;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.host.config.IpLiteral;
import org.vsconsole.host.config.KnownLimit;
import org.jspecify.annotations.Nullable;

/**
 * Checks every field of a {@link CreateGuestRequest} with the host grammar and against the guests
 * on disk, and fills in what was left out. Errors carry the request's own field names
 * ({@code name}, {@code ip}, {@code build.source}, …) so the wizard can put the message next to
 * the right input and REST callers see which JSON field to fix.
 */
final class GuestRequestValidator {

    /** {@code guests/new} is this wizard's route; a guest of that name could not be opened. */
    private static final Set<String> RESERVED = Set.of("new");

    private final GuestConfigReader tree;
    private final Path guestsRoot;
    private final XidAllocator xids;
    private final AddressAllocator addresses;
    private final Reservations reservations;
    private final String defaultInterface;
    private final BuildOptionsValidator buildOptions;
    private final boolean allowLinkLocal;

    GuestRequestValidator(GuestConfigReader tree, Path guestsRoot, XidAllocator xids, AddressAllocator addresses,
            Reservations reservations, String defaultInterface, BuildOptionsValidator buildOptions) {
        this(tree, guestsRoot, xids, addresses, reservations, defaultInterface, buildOptions, false);
    }

    GuestRequestValidator(GuestConfigReader tree, Path guestsRoot, XidAllocator xids, AddressAllocator addresses,
            Reservations reservations, String defaultInterface, BuildOptionsValidator buildOptions, boolean allowLinkLocal) {
        this.allowLinkLocal = allowLinkLocal;
        this.buildOptions = buildOptions;
        this.tree = tree;
        this.guestsRoot = guestsRoot.toAbsolutePath().normalize();
        this.xids = xids;
        this.addresses = addresses;
        this.reservations = reservations;
        this.defaultInterface = defaultInterface;
    }

    ValidatedGuest validate(CreateGuestRequest r) {
        List<GuestConfig> guests = tree.readAllGuests();
        String name = name(r.name());
        String hostname = field("hostname", () -> HostGrammar.nodename(blank(r.hostname()) ? name : r.hostname()));
        String domain = blank(r.domain()) ? null : field("domain", () -> HostGrammar.domainname(r.domain()));
        String device = field("interface",
                () -> HostGrammar.deviceName(blank(r.interfaceName()) ? defaultInterface : r.interfaceName()));
        IpLiteral ip = blank(r.ip())
                ? HostGrammar.ipAddress(suggestAddress(guests))
                : field("ip", () -> HostGrammar.ipAddress(r.ip()));
        whoHoldsAddress(ip, guests).ifPresent(holder -> {
            throw new InvalidInputException("ip", "address " + ip.text() + " is already used by " + holder);
        });
        int prefix = blank(r.prefix()) ? defaultPrefix(ip) : field("prefix", () -> HostGrammar.prefix(r.prefix(), ip.isIpv6()));
        HostGrammar.usableGuestAddress(ip, prefix, allowLinkLocal);
        int xid = blank(r.context()) ? suggestXid(guests) : field("context", () -> HostGrammar.contextId(r.context()));
        whoHoldsXid(xid, guests).ifPresent(holder -> {
            throw new InvalidInputException("context", "context " + xid + " is already used by " + holder);
        });
        BuildRequest build = build(java.util.Objects.requireNonNullElse(r.build(), SKELETON), name, guests);
        Map<String, LimitValues> limits = limits(r.limits());
        return new ValidatedGuest(name, hostname, domain, ip.text(), prefix, device, xid, build, r.start(), limits);
    }

    /** The name's grammar, then whether the name or its root directory is taken. */
    String name(@Nullable String text) {
        String name = field("name", () -> HostGrammar.guestName(text));
        if (RESERVED.contains(name)) {
            throw new InvalidInputException("name", "'" + name + "' is reserved: guests/new is the creation page");
        }
        whyNameTaken(name).ifPresent(why -> {
            throw new InvalidInputException("name", why);
        });
        return name;
    }

    /** Why a (grammatical) name cannot be used, when it cannot. */
    Optional<String> whyNameTaken(String name) {
        if (tree.isNameTaken(name)) {
            return Optional.of("a guest named '" + name + "' already exists");
        }
        if (reservations.holdsName(name)) {
            return Optional.of("a guest named '" + name + "' is being created right now");
        }
        Path root = guestsRoot.resolve(name);
        if (GuestSpecs.present(root)) {
            // Someone's files: building into them or deleting them on failure would both be wrong.
            return Optional.of("the root directory " + root + " already exists; remove it or choose another name");
        }
        return Optional.empty();
    }

    String suggestAddress(List<GuestConfig> guests) {
        Set<String> used = new HashSet<>(AddressAllocator.usedBy(guests));
        used.addAll(reservations.ips());
        return addresses.next(used);
    }

    int suggestXid(List<GuestConfig> guests) {
        Set<Integer> used = new HashSet<>(XidAllocator.usedBy(guests));
        used.addAll(reservations.xids());
        return xids.next(tree.readDefaults().contextNext(), used);
    }

    /** "guest 'x'" for a guest on disk, or one being created. */
    Optional<String> whoHoldsXid(int xid, List<GuestConfig> guests) {
        return XidAllocator.holder(xid, guests).map(GuestRequestValidator::onDisk)
                .or(() -> reservations.holderOfXid(xid).map(GuestRequestValidator::inFlight));
    }

    Optional<String> whoHoldsAddress(IpLiteral ip, List<GuestConfig> guests) {
        return AddressAllocator.holder(ip, guests).map(GuestRequestValidator::onDisk)
                .or(() -> reservations.holderOfAddress(ip).map(GuestRequestValidator::inFlight));
    }

    private int defaultPrefix(IpLiteral ip) {
        if (addresses.contains(ip)) {
            return addresses.prefix();
        }
        return ip.isIpv6() ? 64 : 24;
    }

    /** What a request without a build section asks for. */
    private static final CreateGuestRequest.Build SKELETON = new CreateGuestRequest.Build("skeleton", null, null, null);

    private BuildRequest build(CreateGuestRequest.Build b, String name, List<GuestConfig> guests) {
        String asked = b.method();
        String methodText = asked == null || asked.isBlank() ? "skeleton" : asked;
        BuildRequest.Method method = switch (methodText) {
            case "skeleton" -> BuildRequest.Method.SKELETON;
            case "clone" -> BuildRequest.Method.CLONE;
            case "debootstrap" -> BuildRequest.Method.DEBOOTSTRAP;
            default -> throw new InvalidInputException("build.method", "must be skeleton, clone or debootstrap");
        };
        BuildRequest.GuestSetup setup = buildOptions.setup(b, method);
        return switch (method) {
            case SKELETON -> new BuildRequest(method, null, null, null, setup);
            case CLONE -> new BuildRequest(method, source(b.source(), name, guests), null, null, setup);
            case DEBOOTSTRAP -> {
                String dist = buildOptions.dist(b.dist());
                yield new BuildRequest(method, null, dist, buildOptions.mirror(b.mirror(), dist), setup);
            }
        };
    }

    private static String source(@Nullable String text, String name, List<GuestConfig> guests) {
        if (blank(text)) {
            throw new InvalidInputException("build.source", "choose the guest to clone");
        }
        String source = field("build.source", () -> HostGrammar.guestName(text));
        if (source.equals(name)) {
            throw new InvalidInputException("build.source", "a guest cannot be cloned from itself");
        }
        if (guests.stream().noneMatch(g -> g.name().equals(source))) {
            throw new InvalidInputException("build.source", "no guest '" + source + "' to clone");
        }
        return source;
    }

    private static Map<String, LimitValues> limits(Map<String, CreateGuestRequest.Limit> requested) {
        Map<String, LimitValues> out = new LinkedHashMap<>();
        for (Map.Entry<String, CreateGuestRequest.Limit> e : requested.entrySet()) {
            KnownLimit limit = field("limits", () -> HostGrammar.limitName(e.getKey()));
            CreateGuestRequest.Limit v = e.getValue();
            if (v == null || (blank(v.soft()) && blank(v.hard()))) {
                continue;
            }
            String field = "limits." + limit.fileName();
            long soft = field(field, () -> HostGrammar.limitValue(limit, blank(v.soft()) ? v.hard() : v.soft()));
            long hard = field(field, () -> HostGrammar.limitValue(limit, blank(v.hard()) ? v.soft() : v.hard()));
            field(field, () -> {
                HostGrammar.softNotAboveHard(limit, soft, hard);
                return null;
            });
            out.put(limit.fileName(), new LimitValues(soft, hard));
        }
        return out;
    }

    /** Runs a grammar check and reports its refusal under the request's field name. */
    static <T> T field(String field, Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidInputException e) {
            throw e.field().equals(field) ? e : new InvalidInputException(field, e.rule());
        }
    }

    static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static String onDisk(String guest) {
        return "guest '" + guest + "'";
    }

    private static String inFlight(String guest) {
        return "guest '" + guest + "' (being created)";
    }
}
