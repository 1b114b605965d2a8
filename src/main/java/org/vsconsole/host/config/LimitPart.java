package org.vsconsole.host.config;

/**
 * Which file of a limit: the plain file sets min, soft and hard at once; the suffixed files
 * override one part (§1.5).
 */
public enum LimitPart {

    PLAIN(""), SOFT(".soft"), HARD(".hard"), MIN(".min");

    private final String suffix;

    LimitPart(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    public String fileName(KnownLimit limit) {
        return limit.fileName() + suffix;
    }
}
