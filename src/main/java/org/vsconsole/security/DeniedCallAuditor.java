package org.vsconsole.security;

import java.lang.reflect.Parameter;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.context.event.EventListener;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.stereotype.Component;
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
        audit.record(new AuditEntry(action, target(call), null, null, Outcome.DENIED,
                "Access denied: this needs a role or guest you do not have", 0));
    }

    static AuditTarget target(MethodInvocation call) {
        Parameter[] parameters = call.getMethod().getParameters();
        @Nullable
        Object[] arguments = call.getArguments();
        // a call about another host, or its guest, names the host: a guest target alone means one of this host's
        int host = index(parameters, "host");
        if (host >= 0 && host < arguments.length && parameters[host].getType() == String.class) {
            String hostName = arguments[host] instanceof String h ? h : null;
            int guest = index(parameters, "guest");
            return guest < 0 || guest >= arguments.length
                    ? AuditTarget.host(hostName)
                    : AuditTarget.guestOnHost(hostName, arguments[guest] instanceof String g ? g : null);
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

    private static int index(Parameter[] parameters, String name) {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
