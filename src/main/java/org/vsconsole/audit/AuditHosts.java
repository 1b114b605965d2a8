package org.vsconsole.audit;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.HostGrammar;

/**
 * Which host an audit row is about: a managed host for the fleet's rows ({@link
 * AuditTarget#host}, {@link AuditTarget#guestOnHost}), this host ({@code local}) for every other
 * row. Only rows of the fleet's actions without a guest target are read for a host, and a value
 * outside the name grammar is quoted when the row is made, so no free text typed elsewhere (a user
 * name at sign-in, say) can make a row look like another host's.
 */
public final class AuditHosts {

    public static final String LOCAL = HostGrammar.LOCAL_HOST;

    private static final List<String> FLEET_ACTIONS = List.of(AuditActions.HOST_ADD, AuditActions.HOST_REMOVE,
            AuditActions.GUEST_CREATE, AuditActions.GUEST_DELETE, AuditActions.GUEST_START, AuditActions.GUEST_STOP,
            AuditActions.LIMITS_SET, AuditActions.GUEST_APPEARED_OUTSIDE, AuditActions.GUEST_REMOVED_OUTSIDE,
            AuditActions.TERMINAL_OPEN, AuditActions.TERMINAL_CLOSE, AuditActions.TERMINAL_VIEW, AuditActions.TERMINAL_ATTACH,
            AuditActions.TERMINAL_INPUT, AuditActions.TERMINAL_RESIZE, AuditActions.GUEST_SET_HOSTNAME, AuditActions.GUEST_SET_INTERFACE,
            AuditActions.GUEST_ADD_INTERFACE, AuditActions.GUEST_MIGRATE);
    private static final Set<String> FLEET = Set.copyOf(FLEET_ACTIONS);
    private static final String ON_HOST = " on host ";
    private static final String HOST = "host ";
    private static final int SHOWN = 40;

    private AuditHosts() {
    }

    /** The host a row is about: a managed host's name, or {@code local}. */
    public static String of(AuditEvent event) {
        String detail = event.targetDetail();
        if (event.targetGuest() != null || detail == null || !FLEET.contains(event.action())) {
            return LOCAL;
        }
        int at = detail.lastIndexOf(ON_HOST);
        String host = at >= 0 ? detail.substring(at + ON_HOST.length()) : detail.startsWith(HOST) ? detail.substring(HOST.length()) : null;
        return host != null && HostGrammar.MANAGED_HOST_NAME.matcher(host).matches() ? host : LOCAL;
    }

    /** A value as a fleet row shows it: a valid name as it is, anything else quoted and cut, so it can never read as a host. */
    static String shown(@Nullable String value, boolean valid) {
        String text = String.valueOf(value);
        if (valid) {
            return text;
        }
        String cut = text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
        return '"' + cut.replace("\"", "\\\"") + '"';
    }

    /** Refuses, naming the field, a host filter no row can match. */
    static String check(String host) {
        if (!host.equals(LOCAL) && !HostGrammar.MANAGED_HOST_NAME.matcher(host).matches()) {
            throw new InvalidInputException("host", "'local' or a managed host's name: 1-32 lower-case letters, digits or '-'");
        }
        return host;
    }

    /** The SQL condition for rows about {@code host}, its values put in {@code params}; refuses a host no row can name. */
    static String condition(String host, Map<String, Object> params) {
        check(host);
        params.put("fleetActions", FLEET_ACTIONS);
        // the same reading as of(): the text after the last " on host ", or after a leading "host ", is a valid name
        params.put("hostPattern", "^(host |.*" + ON_HOST + ")(" + (host.equals(LOCAL) ? HostGrammar.MANAGED_HOST_NAME.pattern() : host)
                + ")$");
        String managed = "(target_guest IS NULL AND action IN (:fleetActions) AND target_detail IS NOT NULL"
                + " AND REGEXP_LIKE(target_detail, :hostPattern))";
        return host.equals(LOCAL) ? "NOT " + managed : managed;
    }
}
