package org.vsconsole.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vsconsole.ConsoleSpringTest;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.NewGuest;

/** The sampler's cached tree follows every console write at once, through the writer's events alone. */
@ConsoleSpringTest
class SamplerTreeChangesTest {

    @Autowired
    Sampler sampler;

    @Autowired
    GuestConfigWriter writer;

    @Test
    void aGuestWrittenByTheConsoleIsListedAtOnceAndGoneAtOnceAfterItsDelete() throws Exception {
        String name = "evt" + ProcessHandle.current().pid() % 10000;
        sampler.guestConfigs(); // freshly read: only an event can make the next call read again

        GuestConfig created = writer.createGuest(new NewGuest(name, 47000 + (int) (ProcessHandle.current().pid() % 900),
                name, null, List.of(), null, false, Map.of()));
        assertThat(sampler.guestConfigs()).extracting(GuestConfig::name).contains(name);
        assertThat(sampler.guestConfig(name)).get().extracting(GuestConfig::digest).isEqualTo(created.digest());

        writer.deleteGuest(name, created.digest());
        assertThat(sampler.guestConfigs()).extracting(GuestConfig::name).doesNotContain(name);
        assertThat(sampler.guestConfig(name)).isEmpty();
    }
}
