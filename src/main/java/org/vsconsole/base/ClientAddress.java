package org.vsconsole.base;

import com.vaadin.flow.server.VaadinRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.jspecify.annotations.Nullable;

/** The address of the client behind the current request, or null on a background thread. */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static @Nullable String current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            return attrs.getRequest().getRemoteAddr();
        }
        VaadinRequest vaadin = VaadinRequest.getCurrent();
        return vaadin == null ? null : vaadin.getRemoteAddr();
    }
}
