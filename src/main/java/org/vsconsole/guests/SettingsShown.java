package org.vsconsole.guests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.InterfaceEntry;

/**
 * What the audit row of a settings edit shows of the setting, before and after: the values of the
 * few files the edit touches, as a small map. Apart from {@link GuestSettingsService} so that the
 * shape of these rows changes in one place, not with the edits' rules.
 */
final class SettingsShown {

    private SettingsShown() {
    }

    static Object capabilitiesOf(GuestConfig c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("bcapabilities", c.bcapabilities());
        view.put("ccapabilities", c.ccapabilities());
        return view;
    }

    static Object personalityOf(GuestConfig c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", c.personality() == null ? null : c.personality().type());
        view.put("flags", c.personality() == null ? List.of() : c.personality().flags());
        return view;
    }

    static Object uts(GuestConfig c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("hostname", c.nodename());
        view.put("domain", c.domainname());
        return view;
    }

    static Object contextOf(GuestConfig c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("context", c.context());
        return view;
    }

    static Object interfaceOf(GuestConfig c, String id) {
        InterfaceEntry e = c.interfaceById(id);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("interface", id);
        view.put("ip", e == null ? null : e.ip());
        view.put("prefix", e == null ? null : e.prefix());
        view.put("dev", e == null ? null : e.dev());
        return view;
    }

    static Object addresses(GuestConfig c) {
        Map<String, Object> view = new LinkedHashMap<>();
        c.interfaces().forEach(i -> view.put(i.id(), i.ip() + (i.prefix() == null ? "" : "/" + i.prefix())));
        return view;
    }
}
