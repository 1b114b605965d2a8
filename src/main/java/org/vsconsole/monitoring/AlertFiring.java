package org.vsconsole.monitoring;

import java.time.Instant;

/** One alert that fired. {@code rule} is {@code limit-hits}, {@code rss-high} or {@code guest-stopped}. */
public record AlertFiring(long id, Instant firedAt, String guest, String rule, String message) {

    public static final String LIMIT_HITS = "limit-hits";
    public static final String RSS_HIGH = "rss-high";
    public static final String GUEST_STOPPED = "guest-stopped";
}
