package org.vsconsole.guests;

import java.util.List;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.VserverNames;
import org.jspecify.annotations.Nullable;

/**
 * A guest's {@code personality}: its type (null: none, the host's own) and flags, the names the
 * console writes, and when it takes effect on this host's driver ("takes effect …").
 */
public record GuestPersonality(String guest, String digest, @Nullable String type, List<String> flags, List<String> knownTypes,
        List<String> knownFlags, String effect) {

    static GuestPersonality of(GuestConfig config, String driver) {
        String type = config.personality() == null ? null : config.personality().type().toUpperCase(java.util.Locale.ROOT);
        List<String> flags = config.personality() == null ? List.of() : config.personality().flags();
        return new GuestPersonality(config.name(), config.digest(), type, flags, VserverNames.PERSONALITY_TYPES,
                VserverNames.PERSONALITY_FLAGS, CapabilityEffects.personality(driver, type, flags));
    }
}
