package org.vsconsole.monitoring;

import com.vaadin.flow.component.Component;
import java.util.Optional;

/**
 * A part another feature adds under the dashboard's grid (the fleet adds the other hosts'
 * guests), so the dashboard shows it without depending on that feature.
 */
public interface DashboardSection {

    /** A new component for one open dashboard, or empty when the signed-in user has nothing to see in it. */
    Optional<Component> create();
}
