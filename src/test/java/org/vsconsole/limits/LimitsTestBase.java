package org.vsconsole.limits;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.FakeHostDriver;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.NewGuest;

/**
 * Helpers of the limits tests, on the suite's one Spring context ({@link ConsoleSpringTest}) and
 * its {@link FakeHostDriver}. Guests are created with unique names and context ids, as the config
 * root is shared with every other Spring test.
 */
@ConsoleSpringTest
@ViewPackages(packages = {"org.vsconsole.limits"})
abstract class LimitsTestBase extends SpringBrowserlessTest {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @Autowired
    GuestConfigWriter writer;

    @Autowired
    GuestConfigReader reader;

    @Autowired
    FakeHostDriver driver;

    /** A new guest with {@code rlimits/nofile} = 1024 and the default fstab (/tmp 16m). */
    String newGuest(boolean running) {
        int n = SEQ.incrementAndGet();
        String name = "lim" + ProcessHandle.current().pid() % 1000 + "-" + n;
        // a range of their own: the default context's tests (updates, guests) share this config root
        int xid = 33_000 + n;
        // running before the guest exists on disk: a sampler tick in between would otherwise keep it
        // as stopped in the snapshot the limits are read from
        driver.setRunning(name, xid, running);
        try {
            writer.createGuest(new NewGuest(name, xid, name, null, List.of(), null, false,
                    Map.of("nofile", LimitValues.both(1024))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return name;
    }

    @Autowired
    org.vsconsole.monitoring.Sampler sampler;

    /**
     * Sets what the kernel reports for one limit and takes a sampler tick at once, so no push of a
     * tick taken before (the guest's creation schedules one) can show the old figure afterwards.
     */
    void setFigure(String guest, String limit, org.vsconsole.host.ContextFigures.LimitFigure figure) {
        driver.setFigure(guest, limit, figure);
        sampler.sample();
    }

    GuestConfig config(String guest) {
        return reader.readGuest(guest);
    }

    String digest(String guest) {
        return config(guest).digest();
    }

    static <T> T as(String user, java.util.function.Supplier<T> work, String... roles) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                java.util.Arrays.stream(roles).map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
