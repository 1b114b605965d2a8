package org.vsconsole.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;
import java.util.UUID;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.base.ClientAddress;

/**
 * Audits sign-in, failed sign-in (through the login view or the API, aggregated per burst by
 * {@link FailedSignInAudit}) and sign-out. Successful
 * API calls are not sign-ins: each stateless request authenticates and would flood the log.
 */
@Component
class AuthenticationAuditor {

    private final AuditService audit;
    private final FailedSignInAudit failures;

    AuthenticationAuditor(AuditService audit, FailedSignInAudit failures) {
        this.audit = audit;
        this.failures = failures;
    }

    @EventListener
    void onSignIn(InteractiveAuthenticationSuccessEvent event) {
        if (TotpPending.is(event.getAuthentication())) {
            // only half-way: TotpService records the sign-in when the code is right too
            return;
        }
        audit.record(AuditEntry.ok(AuditActions.AUTH_SIGN_IN, AuditTarget.detail(event.getAuthentication().getName()),
                null, null, 0));
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        // Aggregated per burst: a flood of wrong passwords must not flood the log.
        failures.failed(event.getAuthentication().getName(), ClientAddress.current(), event.getException().getMessage(),
                event.getException() instanceof ThrottledAuthenticationProvider.ThrottledException);
    }

    @EventListener
    void onSignOut(LogoutSuccessEvent event) {
        // The security context is already cleared at sign-out: name the user from the event.
        audit.record(Actor.of(event.getAuthentication()), AuditEntry.ok(AuditActions.AUTH_SIGN_OUT,
                AuditTarget.detail(event.getAuthentication().getName()), null, null, 0), UUID.randomUUID().toString());
    }
}
