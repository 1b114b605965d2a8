package org.vsconsole.audit;

/** Who did something, with the roles they held then and where they came from. */
public record Actor(String name, String roles, String clientAddress) {

    /** The console itself (start-up work, the sampler, reconciliation). */
    public static final Actor SYSTEM = new Actor("system", "", null);

    /** A change found on disk that nobody made through the console. */
    public static final Actor EXTERNAL = new Actor("external (detected)", "", null);
}
