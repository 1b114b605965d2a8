package org.vsconsole.host.linux;

import org.vsconsole.host.BuildProgress;

/**
 * Turns debootstrap's own stage lines ({@code I: Retrieving …}, {@code I: Extracting …},
 * {@code I: Unpacking …}, {@code I: Configuring …}) into a percentage of the base build, so the
 * progress bar moves with the real work. A minbase build fetches about 90 packages and
 * configures as many; the counts only shape the curve, each stage's floor is exact.
 */
final class DebootstrapProgress implements java.util.function.Consumer<String> {

    private static final int EXPECTED_PACKAGES = 90;

    private final BuildProgress target;
    private int retrieved;
    private int unpacked;
    private int configured;
    private int last = -1;

    DebootstrapProgress(BuildProgress target) {
        this.target = target;
    }

    @Override
    public void accept(String line) {
        target.accept(line);
        int percent = percentFor(line);
        if (percent > last) {
            last = percent;
            target.percent(percent);
        }
    }

    private int percentFor(String line) {
        if (!line.startsWith("I: ")) {
            return last;
        }
        String stage = line.substring(3);
        if (stage.startsWith("Retrieving InRelease") || stage.startsWith("Checking Release")
                || stage.startsWith("Retrieving Packages") || stage.startsWith("Validating Packages")) {
            return 2;
        }
        if (stage.startsWith("Resolving dependencies") || stage.startsWith("Found ")) {
            return 5;
        }
        if (stage.startsWith("Retrieving ")) {
            return 5 + scaled(++retrieved, 40);
        }
        if (stage.startsWith("Validating ")) {
            return Math.max(last, 5);
        }
        if (stage.startsWith("Extracting ")) {
            return 46;
        }
        if (stage.startsWith("Installing core packages")) {
            return 50;
        }
        if (stage.startsWith("Unpacking ")) {
            return 52 + scaled(++unpacked, 20);
        }
        if (stage.startsWith("Configuring ")) {
            return 73 + scaled(++configured, 25);
        }
        if (stage.startsWith("Base system installed successfully")) {
            return 100;
        }
        return last;
    }

    private static int scaled(int count, int span) {
        return Math.min(span, count * span / EXPECTED_PACKAGES);
    }
}
