package org.vsconsole.base;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.RouterLink;

/**
 * What the not-found and access-denied pages share: inside the main layout (menu and sign-out
 * stay), a title, one sentence of why, and a link back to the first page the user may open.
 */
abstract class ErrorPage extends VerticalLayout {

    private final H2 title = new H2();
    private final Paragraph reason = new Paragraph();

    ErrorPage(String id) {
        setId(id);
        addClassName("error-page");
        title.setId(id + "-title");
        reason.setId(id + "-reason");
        RouterLink back = new RouterLink(HomeView.class);
        back.add(VaadinIcon.ARROW_LEFT.create(), new com.vaadin.flow.component.html.Span(" Back to the start page"));
        back.setId(id + "-back");
        add(title, reason, back);
    }

    void show(String heading, String why) {
        title.setText(heading);
        reason.setText(why);
    }
}
