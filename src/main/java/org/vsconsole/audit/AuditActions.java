package org.vsconsole.audit;

/**
 * Every action name the audit log records, declared once. Services name their actions through
 * these constants (in {@link AuditedAction} and in {@link AuditService#audited}), so a refusal by
 * method security and the action it refused are filed under the same name, and an auditor's
 * filter has one list to offer.
 */
public final class AuditActions {

    // Alerts
    public static final String ALERT_FIRED = "alert.fired";
    public static final String ALERT_SETTINGS = "alert.settings";

    // Hosts the console manages besides its own
    public static final String HOST_ADD = "host.add";
    public static final String HOST_REMOVE = "host.remove";

    // Requests refused before any service saw them
    public static final String API_REFUSED = "api.refused";

    // The audit log itself
    public static final String AUDIT_CHAIN_RESTARTED = "audit.chain-restarted";
    public static final String AUDIT_REANCHORED = "audit.reanchored";
    /** Audit events held outside the database while it was full were written; the console takes changes again. */
    public static final String STORAGE_RECOVERED = "storage.recovered";
    /** The data directory's file system is full: the console went read-only. */
    public static final String STORAGE_READ_ONLY = "storage.read-only";

    // Signing in and out
    public static final String AUTH_SIGN_IN = "auth.sign-in";
    public static final String AUTH_SIGN_OUT = "auth.sign-out";

    // Guests: lifecycle, configuration, and what the sync finds done outside the console
    public static final String GUEST_ADOPT = "guest.adopt";
    public static final String GUEST_APPEARED_OUTSIDE = "guest.appeared-outside";
    public static final String GUEST_CHANGED_OUTSIDE = "guest.changed-outside";
    public static final String GUEST_CREATE = "guest.create";
    public static final String GUEST_DELETE = "guest.delete";
    public static final String GUEST_DRIFT_ACCEPT = "guest.drift-accept";
    public static final String GUEST_DRIFT_RESTORE = "guest.drift-restore";
    public static final String GUEST_EXEC = "guest.exec";
    public static final String GUEST_KILL = "guest.kill";
    public static final String GUEST_MIGRATE = "guest.migrate";
    public static final String GUEST_SIGNAL_ALL = "guest.signal-all";
    public static final String GUEST_REMOVED_OUTSIDE = "guest.removed-outside";
    public static final String GUEST_RESTART = "guest.restart";
    public static final String GUEST_SET_BOOT_MARK = "guest.set-boot-mark";
    public static final String GUEST_SET_HOSTNAME = "guest.set-hostname";
    public static final String GUEST_SET_CONTEXT = "guest.set-context";
    public static final String GUEST_SET_CAPABILITIES = "guest.set-capabilities";
    public static final String GUEST_SET_PERSONALITY = "guest.set-personality";
    public static final String GUEST_SET_INTERFACE = "guest.set-interface";
    public static final String GUEST_ADD_INTERFACE = "guest.add-interface";
    public static final String GUEST_REMOVE_INTERFACE = "guest.remove-interface";
    public static final String GUEST_START = "guest.start";
    public static final String GUEST_STOP = "guest.stop";
    public static final String GUEST_UPDATE = "guest.update";

    // Crash recovery of interrupted actions
    public static final String INTENT_RECOVERED = "intent.recovered";

    // Background jobs
    public static final String JOB_CANCEL = "job.cancel";
    public static final String JOB_INTERRUPTED = "job.interrupted";

    // Resource limits, disk limits, /tmp and presets
    public static final String LIMITS_DISK_REMOVE = "limits.disk-remove";
    public static final String LIMITS_DISK_SET = "limits.disk-set";
    public static final String LIMITS_PRESET_APPLY = "limits.preset-apply";
    public static final String LIMITS_PRESET_DELETE = "limits.preset-delete";
    public static final String LIMITS_PRESET_SAVE = "limits.preset-save";
    public static final String LIMITS_SET = "limits.set";
    public static final String LIMITS_TMP_SIZE = "limits.tmp-size";

    // The sync registry
    public static final String REGISTRY_REBUILT = "registry.rebuilt";

    // Terminal sessions
    public static final String TERMINAL_ATTACH = "terminal.attach";
    public static final String TERMINAL_CLOSE = "terminal.close";
    public static final String TERMINAL_INPUT = "terminal.input";
    public static final String TERMINAL_OPEN = "terminal.open";
    public static final String TERMINAL_RESIZE = "terminal.resize";
    public static final String TERMINAL_VIEW = "terminal.view";

    // API tokens
    public static final String TOKEN_CREATE = "token.create";
    public static final String TOKEN_REVOKE = "token.revoke";
    public static final String TOKEN_USE = "token.use";

    // User accounts
    public static final String USER_CHANGE_PASSWORD = "user.change-password";
    public static final String USER_CREATE = "user.create";
    public static final String USER_RESET_PASSWORD = "user.reset-password";
    public static final String USER_SET_ENABLED = "user.set-enabled";
    public static final String USER_SET_ROLES = "user.set-roles";
    // Second factor (TOTP): a wrong code at sign-in is an AUTH_SIGN_IN failure, aggregated like passwords
    public static final String USER_TOTP_ENROL = "user.totp-enrol";
    public static final String USER_TOTP_DISABLE = "user.totp-disable";
    public static final String USER_TOTP_RESET = "user.totp-reset";

    private AuditActions() {
    }
}
