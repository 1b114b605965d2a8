package org.vsconsole.monitoring;

import org.vsconsole.base.InvalidInputException;

/**
 * The alert rules an ADMIN can tune.
 *
 * @param hitsEnabled    fire when the hit counter of any limit rises
 * @param rssEnabled     fire when RSS stays at or above {@code rssPercent} % of its limit for {@code rssMinutes}
 * @param stoppedEnabled fire when a running guest stops and nobody stopped, restarted or deleted it
 */
public record AlertSettings(boolean hitsEnabled, boolean rssEnabled, int rssPercent, int rssMinutes, boolean stoppedEnabled) {

    public static final AlertSettings DEFAULTS = new AlertSettings(true, true, 90, 5, true);

    public AlertSettings {
        if (rssPercent < 1 || rssPercent > 100) {
            throw new InvalidInputException("rssPercent", "must be between 1 and 100");
        }
        if (rssMinutes < 1 || rssMinutes > 1440) {
            throw new InvalidInputException("rssMinutes", "must be between 1 and 1440");
        }
    }
}
