package org.vsconsole.security;

import java.lang.reflect.Parameter;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.context.event.EventListener;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.stereotype.Component;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.audit.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * Audits every service call that method security refused, whoever made it and from where. The
 * action is the method's {@link AuditedAction} (or its name); a guest named by a parameter called {@code guest} or
 * {@code name} becomes the target, so an owner probing other guests shows up per guest.
 * Refused web requests (e.g. an anonymous page load) are not state changes and are not logged.
 */
@Component
class DeniedCallAuditor {

    private final AuditService audit;

    DeniedCallAuditor(AuditService audit) {
        this.audit = audit;
    }

    @EventListener
    void onDenied(AuthorizationDeniedEvent<?> event) {
        if (!(event.getObject() instanceof MethodInvocation call)) {
            return;
        }
        AuditedAction named = call.getMethod().getAnnotation(AuditedAction.class);
        String action = named != null
                ? named.value()
                : call.getMethod().getDeclaringClass().getSimpleName() + "." + call.getMethod().getName();
        audit.record(new AuditEntry(action, target(action, call), null, null, Outcome.DENIED,
                "Access denied: this needs a role or guest you do not have", 0));
    }

    static AuditTarget target(String action, MethodInvocation call) {
        Parameter[] parameters = call.getMethod().getParameters();
        @Nullable
        Object[] arguments = call.getArguments();
        if ((action.equals(AuditActions.HOST_ADD) || action.equals(AuditActions.HOST_REMOVE)) && arguments.length > 0) {
            return AuditTarget.host(arguments[0] instanceof String host ? host : null);
        }
        // a call about another host's guest names both, never the guest alone: a guest target means one of this host's
        if (parameters.length >= 2 && parameters[0].getName().equals("host") && arguments.length >= 2
                && arguments[0] instanceof String host) {
            return AuditTarget.guestOnHost(host, arguments[1] instanceof String guest ? guest : null);
        }
        for (int i = 0; i < parameters.length && i < arguments.length; i++) {
            String name = parameters[i].getName();
            if ((name.equals("guest") || name.equals("name")) && arguments[i] instanceof String guest) {
                return AuditTarget.guest(guest, null);
            }
            if (name.equals("username") && arguments[i] instanceof String user) {
                return AuditTarget.detail(user);
            }
        }
        return AuditTarget.NONE;
    }
}
