package org.vsconsole.apidocs;

/** The names of the API's tags, one per feature, shared by the controllers and the description. */
public final class ApiTags {

    public static final String GUESTS = "Guests";
    public static final String CREATION = "Guest creation";
    public static final String LIMITS = "Limits";
    public static final String MONITORING = "Monitoring";
    public static final String SYNC = "Sync";
    public static final String UPDATES = "Updates";
    public static final String JOBS = "Jobs";
    public static final String AUDIT = "Audit";
    public static final String TERMINAL = "Terminal sessions";
    public static final String ACCOUNT = "Account";
    public static final String TOKENS = "API tokens";
    public static final String HOSTS = "Hosts";

    private ApiTags() {
    }
}
