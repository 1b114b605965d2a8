package org.vsconsole.host;

import java.util.function.Consumer;

/**
 * Where a driver reports a guest build: each output line, how far it is (0..100 of the build
 * alone) and whether the person who started it asked to cancel. A plain line consumer is one too.
 */
@FunctionalInterface
public interface BuildProgress extends Consumer<String> {

    default void percent(int percent) {
    }

    default boolean cancelled() {
        return false;
    }
}
