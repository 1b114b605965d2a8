package org.vsconsole.guests;

import java.util.List;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.VserverNames;
import org.vsconsole.host.config.VserverNames.CapabilityFile;
import org.jspecify.annotations.Nullable;

/**
 * A guest's system ({@code bcapabilities}) and context ({@code ccapabilities}) capabilities as the
 * guest gets them: util-vserver's default set with the file's additions and removals, canonical
 * names in bit order; each set null when its file holds an entry the console does not know (then
 * {@code problem} says which, and the file must be fixed by hand before an edit).
 *
 * @param driver        the host's driver ({@code vserver}, {@code linux}, …)
 * @param systemEffect  when the system capabilities take effect on this host's driver ("takes effect …")
 * @param contextEffect the same for the context capabilities
 */
public record GuestCapabilities(String guest, String driver, String digest, @Nullable List<String> system,
        @Nullable List<String> context,
        List<String> systemDefault, List<String> contextDefault, List<String> knownSystem, List<String> knownContext,
        String systemEffect, String contextEffect, @Nullable String problem) {

    static GuestCapabilities of(GuestConfig config, String driver) {
        List<String> system = null;
        List<String> context = null;
        String problem = null;
        try {
            system = List.copyOf(CapabilityFile.SYSTEM.effective(config.bcapabilities()));
        } catch (InvalidInputException e) {
            problem = e.getMessage();
        }
        try {
            context = List.copyOf(CapabilityFile.CONTEXT.effective(config.ccapabilities()));
        } catch (InvalidInputException e) {
            problem = problem == null ? e.getMessage() : problem + "; " + e.getMessage();
        }
        return new GuestCapabilities(config.name(), driver, config.digest(), system, context,
                List.copyOf(CapabilityFile.SYSTEM.ordered(VserverNames.DEFAULT_SYSTEM)),
                List.copyOf(CapabilityFile.CONTEXT.ordered(VserverNames.DEFAULT_CONTEXT)), VserverNames.SYSTEM_CAPABILITIES,
                VserverNames.CONTEXT_CAPABILITIES, CapabilityEffects.system(driver), CapabilityEffects.context(driver),
                problem);
    }
}
