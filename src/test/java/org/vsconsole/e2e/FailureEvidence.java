package org.vsconsole.e2e;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * What a failed journey leaves to read: a screenshot of the page it was on and the console's log.
 * The journeys start their console and browser once per class, so both are looked up at failure.
 */
final class FailureEvidence implements TestWatcher {

    private final String screenshot;
    private final Supplier<Browser> browser;
    private final Supplier<RunningConsole> console;

    FailureEvidence(String screenshot, Supplier<Browser> browser, Supplier<RunningConsole> console) {
        this.screenshot = screenshot;
        this.browser = browser;
        this.console = console;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (browser.get() != null) {
            browser.get().screenshot(screenshot);
        }
        if (console.get() != null) {
            console.get().dumpLog();
        }
    }
}
