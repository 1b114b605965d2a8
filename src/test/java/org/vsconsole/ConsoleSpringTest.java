package org.vsconsole;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring test configuration of the suite: every Spring test uses exactly this, so the
 * context (with its temporary H2 database) is started once and cached. The test profile sets a
 * known admin password, so {@code admin} exists and is not forced to change it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TempDataDir.class)
public @interface ConsoleSpringTest {

    String ADMIN_PASSWORD = "Admin-Test-Passw0rd";
}
