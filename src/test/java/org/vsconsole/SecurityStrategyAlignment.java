package org.vsconsole;

import org.springframework.core.Ordered;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Points the static {@link SecurityContextHolder} at the strategy bean of the Spring context a
 * test runs in. Vaadin installs its own strategy globally each time a context starts; once a
 * second context exists, a cached context's method security would read a different holder than
 * {@code @WithMockUser} writes, and every secured call would look unauthenticated.
 */
public class SecurityStrategyAlignment implements TestExecutionListener, Ordered {

    @Override
    public void prepareTestInstance(TestContext testContext) {
        align(testContext);
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        align(testContext);
    }

    @Override
    public int getOrder() {
        // Before WithSecurityContextTestExecutionListener (10000) sets up @WithMockUser.
        return 1000;
    }

    private static void align(TestContext testContext) {
        SecurityContextHolderStrategy strategy = testContext.getApplicationContext()
                .getBeanProvider(SecurityContextHolderStrategy.class).getIfAvailable();
        if (strategy != null && SecurityContextHolder.getContextHolderStrategy() != strategy) {
            SecurityContextHolder.setContextHolderStrategy(strategy);
        }
    }
}
