package org.vsconsole.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;

/**
 * The "stopped without anyone stopping it" rule knows a console stop from the audit trail as it
 * is written: a guest the console stopped is not reported, one that just died is.
 */
@ConsoleSpringTest
class AlertStopSignalTest {

    @Autowired
    AlertEngine engine;

    @Autowired
    AuditService audit;

    @Test
    void aConsoleStopIsKnownAndADeathIsNot() {
        Instant before = Instant.now();
        audit.record(AuditEntry.ok("guest.stop", AuditTarget.guest("stopped-by-console", 2901), null, null, 5));
        audit.record(AuditEntry.ok("guest.start", AuditTarget.guest("died-alone", 2902), null, null, 5));

        assertThat(engine.someoneStopped("stopped-by-console", before)).isTrue();
        assertThat(engine.someoneStopped("died-alone", before)).isFalse();
        assertThat(engine.someoneStopped("never-seen", before)).isFalse();
    }
}
