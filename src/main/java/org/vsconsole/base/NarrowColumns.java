package org.vsconsole.base;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.shared.Registration;
import org.jspecify.annotations.Nullable;
import java.util.List;

/**
 * On a phone (a window under {@link #NARROW_PX} CSS px wide) a grid shows only its essential
 * columns, so a row says what it is without scrolling sideways; wider, every column shows again.
 * Follows the window's width as it is resized or turned.
 */
public final class NarrowColumns {

    /** The width below which the stylesheet's phone rules apply too ({@code max-width: 600px}). */
    public static final int NARROW_PX = 600;

    private NarrowColumns() {
    }

    /** {@code essential}: the columns a phone shows; a null one (a column this user does not get) is left out. */
    public static void keepOnly(Grid<?> grid, Grid.Column<?>... essential) {
        List<Grid.Column<?>> keep = java.util.Arrays.stream(essential).filter(java.util.Objects::nonNull).<Grid.Column<?>>map(c -> c)
                .toList();
        @Nullable
        Registration[] resize = new Registration[1];
        grid.addAttachListener(e -> {
            UI ui = e.getUI();
            ui.getPage().retrieveExtendedClientDetails(details -> apply(grid, keep, details.getWindowInnerWidth()));
            if (resize[0] != null) {
                resize[0].remove();
            }
            resize[0] = ui.getPage().addBrowserWindowResizeListener(r -> apply(grid, keep, r.getWidth()));
        });
        grid.addDetachListener(e -> {
            if (resize[0] != null) {
                resize[0].remove();
                resize[0] = null;
            }
        });
    }

    private static void apply(Grid<?> grid, List<Grid.Column<?>> keep, int width) {
        boolean narrow = width > 0 && width < NARROW_PX;
        grid.getColumns().forEach(c -> c.setVisible(!narrow || keep.contains(c)));
    }
}
