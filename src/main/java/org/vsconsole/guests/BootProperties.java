package org.vsconsole.guests;

import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.vsconsole.host.config.HostGrammar;

/**
 * Settings of starting guests when the host boots ({@code vsconsole.boot.*}).
 *
 * @param marks the {@code apps/init/mark} values this host starts at boot, as util-vserver's
 *              {@code vservers-default} does for {@code default}
 */
@Validated
@ConfigurationProperties("vsconsole.boot")
public record BootProperties(
        @DefaultValue("default") List<@Pattern(regexp = HostGrammar.ENTRY_ID, message = HostGrammar.ENTRY_ID_RULE) String> marks) {
}
