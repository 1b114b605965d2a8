package org.vsconsole.limits;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A named set of limits, values in each limit's unit ({@code -1} = unlimited).
 *
 * @param limits limit name → soft and hard as text, as {@link LimitService#apply} takes them
 */
public record LimitPreset(String name, @Nullable String description, Map<String, LimitEdit> limits) {

    public LimitPreset {
        limits = Map.copyOf(limits);
    }
}
