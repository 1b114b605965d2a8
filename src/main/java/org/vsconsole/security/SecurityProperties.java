package org.vsconsole.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Account security settings ({@code vsconsole.security.*}).
 *
 * @param requireTotp an ADMIN without a TOTP second factor who signs in is sent to enrol one and
 *                    can do nothing else until enrolled (HTTP Basic is refused for them meanwhile),
 *                    and an ADMIN cannot disable their own
 */
@Validated
@ConfigurationProperties("vsconsole.security")
public record SecurityProperties(@DefaultValue("false") boolean requireTotp) {
}
