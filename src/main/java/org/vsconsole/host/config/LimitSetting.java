package org.vsconsole.host.config;

import org.jspecify.annotations.Nullable;
import org.vsconsole.host.LimitValues;

/**
 * The files of one limit as found on disk, each parsed with util-vserver's rules; null = file
 * absent or unparseable (then a warning says which), {@link LimitValues#UNLIMITED} = inf.
 */
public record LimitSetting(@Nullable Long plain, @Nullable Long soft, @Nullable Long hard, @Nullable Long min) {

    public static final LimitSetting NONE = new LimitSetting(null, null, null, null);

    public @Nullable Long part(LimitPart part) {
        return switch (part) {
            case PLAIN -> plain;
            case SOFT -> soft;
            case HARD -> hard;
            case MIN -> min;
        };
    }

    public LimitSetting with(LimitPart part, @Nullable Long value) {
        return switch (part) {
            case PLAIN -> new LimitSetting(value, soft, hard, min);
            case SOFT -> new LimitSetting(plain, value, hard, min);
            case HARD -> new LimitSetting(plain, soft, value, min);
            case MIN -> new LimitSetting(plain, soft, hard, value);
        };
    }

    /** Soft and hard as vlimit applies them: the plain file sets both, suffixed files override. */
    public LimitValues effective() {
        long p = plain == null ? LimitValues.UNLIMITED : plain;
        return new LimitValues(soft != null ? soft : p, hard != null ? hard : p);
    }

    public boolean isEmpty() {
        return plain == null && soft == null && hard == null && min == null;
    }
}
