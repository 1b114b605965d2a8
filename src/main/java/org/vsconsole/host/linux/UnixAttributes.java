package org.vsconsole.host.linux;

import java.util.Map;
import java.util.Objects;

/**
 * Values from the {@code unix:} attribute view ({@code Files.readAttributes(path, "unix:uid,gid")}),
 * whose map holds every attribute that was asked for.
 */
final class UnixAttributes {

    private UnixAttributes() {
    }

    /** An attribute that was asked for. */
    static Object get(Map<String, Object> attributes, String name) {
        return Objects.requireNonNull(attributes.get(name), () -> "the unix view did not return " + name);
    }

    /** An int attribute that was asked for ({@code uid}, {@code gid}, {@code mode}, {@code nlink}). */
    static int intValue(Map<String, Object> attributes, String name) {
        return (Integer) get(attributes, name);
    }
}
