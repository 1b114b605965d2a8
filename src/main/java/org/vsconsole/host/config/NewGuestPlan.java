package org.vsconsole.host.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.LimitValues;

/**
 * The files a new guest's config dir gets, relative path to bytes, after every grammar check:
 * what {@link GuestConfigWriter#createGuest} stages and {@link GuestConfigWriter#completeBuiltGuest}
 * adds to a built one. Worked out before the writer's lock is taken, since it reads nothing.
 */
record NewGuestPlan(String name, int xid, Map<String, byte[]> content, List<IpLiteral> ips) {

    /** The packaged util-vserver fstab (§1.10); {@code %s} is the /tmp size. */
    static final String DEFAULT_FSTAB = """
            none\t/proc\t\tproc\tdefaults\t\t0 0
            none\t/tmp\t\ttmpfs\tsize=%s,mode=1777\t0 0
            none\t/dev/pts\tdevpts\tgid=5,mode=620\t\t0 0
            """;

    static NewGuestPlan of(NewGuest spec, boolean allowLinkLocal) {
        String name = HostGrammar.guestName(spec.name());
        int xid = HostGrammar.contextId(spec.context());
        String nodename = HostGrammar.nodename(spec.nodename());
        String domainname = spec.domainname() == null ? null : HostGrammar.domainname(spec.domainname());
        String tmpSize = HostGrammar.tmpfsSize(spec.tmpSize() == null ? "16m" : spec.tmpSize());
        Map<String, byte[]> content = new java.util.TreeMap<>();
        content.put("context", text(xid + "\n"));
        content.put("uts/nodename", text(nodename + "\n"));
        if (domainname != null) {
            content.put("uts/domainname", text(domainname + "\n"));
        }
        content.put("fstab", text(DEFAULT_FSTAB.formatted(tmpSize)));
        if (spec.startAtBoot()) {
            content.put("apps/init/mark", text("default\n"));
        }
        List<IpLiteral> ips = new ArrayList<>();
        for (int i = 0; i < spec.interfaces().size(); i++) {
            InterfaceSpec s = spec.interfaces().get(i);
            IpLiteral ip = HostGrammar.ipAddress(s.ip());
            HostGrammar.prefix(s.prefix(), ip.isIpv6());
            HostGrammar.usableGuestAddress(ip, s.prefix(), allowLinkLocal);
            if (ips.contains(ip)) {
                throw new InvalidInputException("ip", "address " + s.ip() + " is given twice");
            }
            ips.add(ip);
            if (s.dev() == null && !s.nodev()) {
                throw new InvalidInputException("dev", "a device is required unless the address is nodev");
            }
            String base = "interfaces/" + i + "/";
            content.put(base + "ip", text(s.ip() + "\n"));
            content.put(base + "prefix", text(s.prefix() + "\n"));
            if (s.dev() != null) {
                content.put(base + "dev", text(HostGrammar.deviceName(s.dev()) + "\n"));
            }
            if (s.name() != null) {
                content.put(base + "name", text(HostGrammar.interfaceLabel(s.name()) + "\n"));
            }
            if (s.nodev()) {
                content.put(base + "nodev", new byte[0]);
            }
        }
        for (Map.Entry<String, LimitValues> e : spec.rlimits().entrySet()) {
            KnownLimit limit = HostGrammar.limitName(e.getKey());
            long soft = HostGrammar.limitValue(limit, e.getValue().soft());
            long hard = HostGrammar.limitValue(limit, e.getValue().hard());
            HostGrammar.softNotAboveHard(limit, soft, hard);
            if (soft == hard) {
                content.put("rlimits/" + limit.fileName(), text(LimitValueParser.format(soft) + "\n"));
            } else {
                content.put("rlimits/" + limit.fileName() + ".soft", text(LimitValueParser.format(soft) + "\n"));
                content.put("rlimits/" + limit.fileName() + ".hard", text(LimitValueParser.format(hard) + "\n"));
            }
        }
        return new NewGuestPlan(name, xid, content, ips);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
