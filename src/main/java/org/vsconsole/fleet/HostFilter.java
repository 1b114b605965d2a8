package org.vsconsole.fleet;

import com.vaadin.flow.component.select.Select;
import java.util.ArrayList;
import java.util.List;

/** The "which other host" choice above a list of other hosts' guests; it keeps the user's choice while hosts come and go. */
final class HostFilter extends Select<String> {

    private static final String ALL = "All other hosts";

    HostFilter(String id, Runnable changed) {
        setId(id);
        setAriaLabel("Host");
        addValueChangeListener(e -> changed.run());
    }

    /** Offers these hosts; the choice stays unless its host is gone. */
    void offer(List<String> hosts) {
        List<String> choices = new ArrayList<>(List.of(ALL));
        choices.addAll(hosts);
        if (!choices.equals(getListDataView().getItems().toList())) {
            String chosen = getValue();
            setItems(choices);
            setValue(chosen != null && choices.contains(chosen) ? chosen : ALL);
        }
    }

    boolean shows(String host) {
        String chosen = getValue();
        return chosen == null || chosen.equals(ALL) || chosen.equals(host);
    }
}
