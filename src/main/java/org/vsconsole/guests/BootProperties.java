package org.vsconsole.guests;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of starting guests when the host boots ({@code vsconsole.boot.*}).
 *
 * @param marks the {@code apps/init/mark} values this host starts at boot, as util-vserver's
 *              {@code vservers-default} does for {@code default}
 */
@ConfigurationProperties("vsconsole.boot")
public record BootProperties(@DefaultValue("default") List<String> marks) {
}
