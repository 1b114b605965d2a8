package org.vsconsole.security;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.method.AuthorizationInterceptorsOrder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.audit.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * A read-only API token changes nothing, whichever way a call comes in: the HTTP filter refuses
 * its non-GET requests, and this refuses, in the services, every state-changing method (each is
 * marked {@link AuditedAction}) called under a read-only token's authentication, audited as denied
 * under the method's action. It runs before {@code @PreAuthorize}, so the refusal names the
 * token's scope rather than a missing role. A second wall: a GET endpoint that one day changed
 * something, or a job run as the token's owner, still cannot write.
 */
@Configuration(proxyBeanMethods = false)
class ReadOnlyTokenGuard {

    static final String REFUSED = "Access denied: this API token is read-only; it may only read";

    /** Infrastructure, so the method-security auto-proxy creator applies it like {@code @PreAuthorize}. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor readOnlyTokenAdvisor(ObjectProvider<AuditService> audit) {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
                AnnotationMatchingPointcut.forMethodAnnotation(AuditedAction.class), new Interceptor(audit));
        advisor.setOrder(AuthorizationInterceptorsOrder.PRE_AUTHORIZE.getOrder() - 1);
        return advisor;
    }

    /** Whether {@code auth} is a read-only API token's (by its marker authority, which survives copies of the context). */
    static boolean readOnly(@Nullable Authentication auth) {
        return auth != null && auth.getAuthorities().stream()
                .anyMatch(a -> ApiTokenAuthentication.READ_ONLY_AUTHORITY.equals(a.getAuthority()));
    }

    private record Interceptor(ObjectProvider<AuditService> audit) implements MethodInterceptor {

        @Override
        public @Nullable Object invoke(MethodInvocation call) throws Throwable {
            if (readOnly(SecurityContextHolder.getContext().getAuthentication())) {
                String action = call.getMethod().getAnnotation(AuditedAction.class).value();
                audit.getObject().record(new AuditEntry(action, DeniedCallAuditor.target(call), null, null, Outcome.DENIED,
                        REFUSED, 0));
                throw new AccessDeniedException(REFUSED);
            }
            return call.proceed();
        }
    }
}
