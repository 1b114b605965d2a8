package org.vsconsole.limits;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.util.function.Consumer;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.config.ConfigConflictException;

/** The limits panel's {@code /tmp} part: the tmpfs size, applied to the running guest and saved. */
class TmpSizeSection extends VerticalLayout {

    TmpSizeSection(TmpSizeService tmp, String guest, GuestLimits current, boolean mayChange,
            Consumer<GuestLimits> render, Consumer<ConfigConflictException> conflict) {
        setId("limits-tmp");
        setPadding(false);
        add(new H3("/tmp size"));
        TextField size = LimitsPanelParts.text("tmp-size", "Size of the /tmp tmpfs (k, m or g)",
                current.tmpSize() == null ? "" : current.tmpSize());
        size.setReadOnly(!mayChange);
        Button apply = new Button("Apply and save", e -> {
            size.setInvalid(false);
            try {
                GuestLimits after = tmp.setTmpSize(guest, size.getValue(), current.running(), true, current.digest());
                render.accept(after);
                Feedback.success(Boolean.TRUE.equals(after.liveApplied()) ? "/tmp remounted and saved" : "/tmp size saved");
            } catch (InvalidInputException ex) {
                size.setInvalid(true);
                size.setErrorMessage(ex.rule());
                Feedback.error(ex.getMessage());
            } catch (ConfigConflictException ex) {
                conflict.accept(ex);
            } catch (HostOperationException ex) {
                Feedback.error(ex.getMessage());
            }
        });
        apply.setId("tmp-apply");
        apply.setVisible(mayChange);
        HorizontalLayout row = new HorizontalLayout(size, apply);
        row.setAlignItems(Alignment.BASELINE);
        add(row);
    }
}
