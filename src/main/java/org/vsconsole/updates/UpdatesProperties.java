package org.vsconsole.updates;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of package updates ({@code vsconsole.updates.*}).
 *
 * @param checkInterval how often a dry-run upgrade counts pending updates in every running guest; 0 = never
 */
@Validated
@ConfigurationProperties("vsconsole.updates")
public record UpdatesProperties(@DefaultValue("0s") @DurationMin(seconds = 0, message = "must not be negative") Duration checkInterval) {
}
