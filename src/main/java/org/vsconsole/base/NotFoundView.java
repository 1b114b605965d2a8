package org.vsconsole.base;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A page or guest that does not exist (or, for a guest, that the user may not see: the same
 * answer, so an owner learns nothing of others' guests), shown inside the main layout.
 */
@ParentLayout(MainLayout.class)
@PageTitle("Not found · VServer Console")
@PermitAll
public class NotFoundView extends ErrorPage implements HasErrorParameter<NotFoundException> {

    public NotFoundView() {
        super("not-found");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        String path = event.getLocation().getPath();
        // An existing page that found nothing (a guest page) gives its own reason ("No guest named
        // web9"); for an address no page serves, the router's message names Java routes, not pages.
        boolean pageExists = event.getSource().getRegistry().getNavigationTarget(path).isPresent();
        String why = pageExists && parameter.hasCustomMessage()
                ? parameter.getCustomMessage()
                : "There is no page at /" + path + ".";
        show("Not found", why);
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
