package org.vsconsole;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;

/**
 * Base of browserless view tests: the suite's single Spring configuration plus a route scan cut
 * down to the console's view packages. Put {@code @WithMockUser} on the tests; such a user is not
 * in the database, so it is never sent to change its password.
 */
@ConsoleSpringTest
@ViewPackages(packages = {"org.vsconsole.security", "org.vsconsole.audit", "org.vsconsole.base", "org.vsconsole.apidocs"})
public abstract class ConsoleViewTest extends SpringBrowserlessTest {
}
