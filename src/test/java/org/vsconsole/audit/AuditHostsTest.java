package org.vsconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.base.InvalidInputException;

/**
 * The audit log's host column and filter: a managed host's rows are the fleet's rows that name
 * it, everything else is this host's, and text typed elsewhere (a user name at sign-in, a guest
 * name refused) cannot make a row look like another host's.
 */
@ConsoleSpringTest
@WithMockUser(username = "admin", roles = "ADMIN")
class AuditHostsTest {

    private static final String ACTOR = "audit-hosts-" + ProcessHandle.current().pid();

    @Autowired
    AuditService audit;

    @Autowired
    AuditSearch search;

    @Test
    void eachRowIsFoundUnderTheHostItIsAboutAndTheColumnSaysTheSame() {
        Instant from = Instant.now().minusSeconds(1);
        String beta = "beta" + (System.nanoTime() % 100000);
        record(AuditActions.GUEST_START, AuditTarget.guest("web1", 4100));
        record(AuditActions.GUEST_START, AuditTarget.guestOnHost(beta, "web2"));
        record(AuditActions.HOST_ADD, AuditTarget.host(beta));
        record(AuditActions.LIMITS_SET, AuditTarget.guestOnHost(beta, "web2"));
        // spoofs: free text that reads like another host's row
        record(AuditActions.AUTH_SIGN_IN, AuditTarget.detail("mallory on host " + beta));
        record(AuditActions.GUEST_CREATE, AuditTarget.guestOnHost("gamma", "x on host " + beta));
        record(AuditActions.GUEST_STOP, AuditTarget.guestOnHost("x on host " + beta, "web2"));

        List<AuditEvent> onBeta = rows(from, beta);
        assertThat(onBeta).extracting(AuditEvent::action)
                .containsExactlyInAnyOrder(AuditActions.GUEST_START, AuditActions.HOST_ADD, AuditActions.LIMITS_SET);
        assertThat(onBeta).allSatisfy(e -> assertThat(AuditHosts.of(e)).isEqualTo(beta));

        List<AuditEvent> onGamma = rows(from, "gamma");
        assertThat(onGamma).extracting(AuditEvent::targetDetail).containsExactly("guest \"x on host " + beta + "\" on host gamma");

        List<AuditEvent> local = rows(from, "local");
        assertThat(local).extracting(AuditEvent::action).containsExactlyInAnyOrder(AuditActions.GUEST_START,
                AuditActions.AUTH_SIGN_IN, AuditActions.GUEST_STOP);
        assertThat(local).allSatisfy(e -> assertThat(AuditHosts.of(e)).isEqualTo("local"));
        assertThat(search.count(new AuditQuery(ACTOR, null, null, null, from, null, null)))
                .as("every row is under exactly one host").isEqualTo(onBeta.size() + onGamma.size() + local.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Beta", "beta%", "b_a", "-x", "a b", "beta' OR 1=1 --", ".*"})
    void aHostFilterNoRowCanMatchIsRefusedNamingTheField(String host) {
        assertThatThrownBy(() -> search.find(new AuditQuery(null, null, null, null, null, null, host), 0, 10))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("host");
    }

    private void record(String action, AuditTarget target) {
        audit.record(new Actor(ACTOR, "ADMIN", null), AuditEntry.ok(action, target, null, null, 1), UUID.randomUUID().toString());
    }

    /** This test's rows only: other tests share the log. */
    private List<AuditEvent> rows(Instant from, String host) {
        return search.find(new AuditQuery(ACTOR, null, null, null, from, null, host), 0, 100);
    }
}
