package org.vsconsole.host.quota;

import java.io.PrintWriter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs {@link ProjectQuotaEnforcementCheck} with the JUnit launcher alone, for the quota VM: there
 * every instruction is emulated, and starting Maven and a test fork cost minutes where the tests
 * themselves take seconds. Prints each test's outcome and a surefire-style summary line; exits 0
 * only when tests were found and every one of them ran and passed.
 */
public final class ProjectQuotaCheckMain {

    private ProjectQuotaCheckMain() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener each = new TestExecutionListener() {

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    System.out.println(result.getStatus() + " " + test.getDisplayName()
                            + result.getThrowable().map(t -> ": " + t).orElse(""));
                }
            }
        };
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(ProjectQuotaEnforcementCheck.class)).build(), summary, each);
        TestExecutionSummary s = summary.getSummary();
        System.out.printf("Tests run: %d, Failures: %d, Errors: 0, Skipped: %d, Time elapsed: %.2f s -- in %s%n",
                s.getTestsFoundCount(), s.getTotalFailureCount(), s.getTestsSkippedCount() + s.getTestsAbortedCount(),
                (System.nanoTime() - started) / 1e9, ProjectQuotaEnforcementCheck.class.getName());
        s.printFailuresTo(new PrintWriter(System.out, true), 30);
        boolean allPassed = s.getTestsFoundCount() > 0 && s.getTestsSucceededCount() == s.getTestsFoundCount();
        System.exit(allPassed ? 0 : 1);
    }
}
