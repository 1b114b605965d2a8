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
 * context (with its temporary H2 database, one config tree and the {@link FakeHostDriver}) is
 * started once and cached. The test profile sets a known admin password, so {@code admin} exists
 * and is not forced to change it, and the settings the feature tests rely on (boot marks, sync
 * debounce). Nothing may be added per test class that changes the context cache key
 * ({@code @TestBean}, {@code @MockitoBean}, {@code @TestPropertySource}, {@code
 * @DynamicPropertySource}, other initializers or profiles): each such class would start a
 * context of its own. {@code @ViewPackages} and {@code @WithMockUser} are not part of the key.
 * As the context is shared, tests use guest names, context ids, addresses and users of their
 * own and look only at those.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = {TempDataDir.class, FakeHostDriverInitializer.class})
public @interface ConsoleSpringTest {

    String ADMIN_PASSWORD = "Admin-Test-Passw0rd";
}
