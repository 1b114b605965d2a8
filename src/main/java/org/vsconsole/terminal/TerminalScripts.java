package org.vsconsole.terminal;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.page.Page;

/**
 * Loads xterm.js and the console's two terminal elements into a page at run time, as static
 * files (fetched by the build into {@code META-INF/resources/xterm}). Deliberately not through
 * Vaadin's script or module annotations: those would make Vaadin build a Node bundle.
 */
final class TerminalScripts {

    private TerminalScripts() {
    }

    static void load(UI ui) {
        Page page = ui.getPage();
        page.addStyleSheet("context://xterm/xterm.css");
        page.addStyleSheet("context://terminal/terminal.css");
        page.addJavaScript("context://xterm/xterm.js");
        page.addJavaScript("context://xterm/addon-fit.js");
        page.addJavaScript("context://terminal/vsc-terminal.js");
        page.addJavaScript("context://terminal/vsc-cast-player.js");
    }
}
