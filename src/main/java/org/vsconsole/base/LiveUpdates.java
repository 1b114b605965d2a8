package org.vsconsole.base;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.jspecify.annotations.Nullable;

/**
 * How a view follows something that changes on another thread (sampler snapshots, new audit
 * rows, …): subscribed while the component is attached, unsubscribed when it is detached, each
 * update applied through {@code UI.access} as the signed-in user, so services called from the
 * update keep their scoping. One place for this pattern instead of a copy per view.
 */
public final class LiveUpdates {

    private LiveUpdates() {
    }

    /**
     * Applies every value {@code source} delivers to {@code component}'s UI while it is attached.
     * {@code source} subscribes a listener and returns its registration (e.g. {@code sampler::subscribe}).
     * The returned registration ends the following for good.
     */
    public static <T> Registration follow(Component component, Function<Consumer<T>, Registration> source, Consumer<T> apply) {
        Following<T> following = new Following<>(source, apply);
        Registration attach = component.addAttachListener(e -> following.start(e.getUI()));
        Registration detach = component.addDetachListener(e -> following.stop());
        component.getUI().ifPresent(following::start);
        return () -> {
            attach.remove();
            detach.remove();
            following.stop();
        };
    }

    private static final class Following<T> {

        private final Function<Consumer<T>, Registration> source;
        private final Consumer<T> apply;
        private @Nullable Registration subscription;

        Following(Function<Consumer<T>, Registration> source, Consumer<T> apply) {
            this.source = source;
            this.apply = apply;
        }

        /** Runs on the request thread that attaches the component: its security context is the user's. */
        synchronized void start(UI ui) {
            stop();
            SecurityContext user = SecurityContextHolder.getContext();
            subscription = source.apply(value -> {
                try {
                    ui.access(new DelegatingSecurityContextRunnable(() -> apply.accept(value), user)::run);
                } catch (UIDetachedException e) {
                    // the tab was closed without a detach reaching us; the next detach or GC ends it
                    stop();
                }
            });
        }

        synchronized void stop() {
            if (subscription != null) {
                subscription.remove();
                subscription = null;
            }
        }
    }
}
