package org.vsconsole.limits;

import org.jspecify.annotations.Nullable;

/**
 * One limit of one guest as the console shows it. Values are in the limit's unit ({@link #unit()}),
 * {@code -1} means unlimited, null means unknown (guest not running, or no saved file).
 *
 * @param primary   one of the six limits shown first (nproc, as, memlock, rss, nofile, locks)
 * @param current   current use, from the kernel
 * @param max       maximum use observed since the context started (or the last reset)
 * @param liveSoft  soft limit in force now
 * @param liveHard  hard limit in force now
 * @param hits      refused allocations
 * @param savedSoft soft limit the {@code rlimits/} files give at the next start ({@code -1} when none)
 * @param savedHard hard limit the {@code rlimits/} files give at the next start ({@code -1} when none)
 * @param saved     whether any {@code rlimits/<name>*} file exists
 * @param differs   running and the live soft/hard differ from the saved ones
 */
public record LimitRow(String name, String description, String unit, boolean primary, @Nullable Long current,
        @Nullable Long min, @Nullable Long max, @Nullable Long liveSoft, @Nullable Long liveHard, @Nullable Long hits, long savedSoft,
        long savedHard, boolean saved,
        boolean differs) {
}
