package org.vsconsole.fleet;

import java.util.function.ToLongFunction;
import org.vsconsole.base.Formats;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.host.agent.HostGuest;
import org.vsconsole.host.proc.VserverStatFormatter;

/** Another host's guest's {@code vserver-stat} figures as the host page and the dashboard show them; "—" when it is not running. */
final class GuestFiguresText {

    private GuestFiguresText() {
    }

    static String processes(HostGuest g) {
        ContextFigures f = g.figures();
        return f == null ? "—" : Integer.toString(f.processes());
    }

    static String vsz(HostGuest g) {
        return bytes(g, ContextFigures::vszBytes);
    }

    static String rss(HostGuest g) {
        return bytes(g, ContextFigures::rssBytes);
    }

    static String user(HostGuest g) {
        return time(g, ContextFigures::userMs);
    }

    static String sys(HostGuest g) {
        return time(g, ContextFigures::sysMs);
    }

    static String uptime(HostGuest g) {
        return time(g, ContextFigures::uptimeMs);
    }

    /** For sorting: the figure, or -1 when the guest is not running. */
    static long value(HostGuest g, ToLongFunction<ContextFigures> figure) {
        ContextFigures f = g.figures();
        return f == null ? -1 : figure.applyAsLong(f);
    }

    private static String bytes(HostGuest g, ToLongFunction<ContextFigures> figure) {
        ContextFigures f = g.figures();
        return f == null ? "—" : Formats.bytes(figure.applyAsLong(f));
    }

    private static String time(HostGuest g, ToLongFunction<ContextFigures> figure) {
        ContextFigures f = g.figures();
        return f == null ? "—" : VserverStatFormatter.shortenTime(figure.applyAsLong(f)).trim();
    }
}
