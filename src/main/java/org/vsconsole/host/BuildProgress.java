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

    /** A progress made of its three parts: where lines go, where percentages go, and who says cancel. */
    static BuildProgress of(Consumer<String> lines, java.util.function.IntConsumer percents,
            java.util.function.BooleanSupplier cancel) {
        return new BuildProgress() {

            @Override
            public void accept(String line) {
                lines.accept(line);
            }

            @Override
            public void percent(int percent) {
                percents.accept(percent);
            }

            @Override
            public boolean cancelled() {
                return cancel.getAsBoolean();
            }
        };
    }
}
