package org.vsconsole.updates;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of package updates ({@code vsconsole.updates.*}).
 *
 * @param checkInterval how often a dry-run upgrade counts pending updates in every running guest; 0 = never
 */
@ConfigurationProperties("vsconsole.updates")
public record UpdatesProperties(@DefaultValue("0s") Duration checkInterval) {
}
