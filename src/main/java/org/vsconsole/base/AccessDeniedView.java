package org.vsconsole.base;

import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A signed-in user opened a page their roles do not allow (an operator at {@code /users}):
 * said plainly, inside the main layout, with a way back. Guests are never answered here: a guest
 * the user may not see is "not found".
 */
@ParentLayout(MainLayout.class)
@PageTitle("Not allowed · VServer Console")
@PermitAll
public class AccessDeniedView extends ErrorPage implements HasErrorParameter<AccessDeniedException> {

    public AccessDeniedView() {
        super("access-denied");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        show("Not allowed", "Your roles do not include the page /" + event.getLocation().getPath()
                + ". Ask an administrator if you need it.");
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
