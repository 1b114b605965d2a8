package org.vsconsole.terminal;

import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import org.vsconsole.host.TerminalSize;

/**
 * The server side of {@code <vsc-terminal>} (frontend/static/terminal/vsc-terminal.js): what the
 * browser sends arrives here over Vaadin's connection, sizes checked before they go anywhere.
 */
@Tag("vsc-terminal")
final class XtermElement extends Component {

    interface Events {

        void ready(TerminalSize size);

        void input(String data);

        void resize(TerminalSize size);
    }

    private final Events events;

    XtermElement(Events events) {
        this.events = events;
        setId("terminal-screen");
    }

    @ClientCallable
    void ready(int cols, int rows) {
        events.ready(new TerminalSize(cols, rows));
    }

    @ClientCallable
    void input(String data) {
        if (data != null && !data.isEmpty()) {
            events.input(data);
        }
    }

    @ClientCallable
    void resize(int cols, int rows) {
        events.resize(new TerminalSize(cols, rows));
    }

    void write(String text) {
        getElement().callJsFunction("write", text);
    }

    void end(String message) {
        getElement().callJsFunction("end", message);
    }

}
