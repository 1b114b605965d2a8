package org.vsconsole.fleet;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
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

    /** A section's heading with this filter beside it. */
    HorizontalLayout beside(String title) {
        HorizontalLayout header = new HorizontalLayout(new H3(title), this);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        return header;
    }

    /** Offers these hosts; the choice stays unless its host is gone. */
    void offer(List<HostStatus> hosts) {
        List<String> choices = new ArrayList<>(List.of(ALL));
        hosts.forEach(h -> choices.add(h.name()));
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
