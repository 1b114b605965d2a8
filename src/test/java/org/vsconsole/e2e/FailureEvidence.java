package org.vsconsole.e2e;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * What a failed journey leaves to read: a screenshot of the page it was on, the console's log and
 * its threads. The journeys start their console and browser once per class, so both are looked up
 * at failure; a failure while the class sets up (its sign-in, its first guest) leaves the same.
 */
final class FailureEvidence implements TestWatcher, LifecycleMethodExecutionExceptionHandler {

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
        leave();
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        leave();
        throw throwable;
    }

    private void leave() {
        if (browser.get() != null) {
            try {
                browser.get().screenshot(screenshot);
            } catch (RuntimeException e) {
                // a browser that died takes no screenshot; the console's side and the failure still count
                System.err.println("No failure screenshot: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
        if (console.get() != null) {
            console.get().dumpThreads();
            console.get().dumpLog();
        }
    }
}
