package org.vsconsole.host;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.vsconsole.host.config.HostGrammar;

/**
 * Where new guests get their addresses ({@code vsconsole.provisioning.*}). Declared in host, not
 * in provisioning, because the pool is also the network of the linux driver's bridge: its first
 * address is the bridge's gateway.
 *
 * @param addressPool      the IPv4 network guests get their addresses from
 * @param defaultInterface the host interface a guest's address goes on when none is named
 * @param allowLinkLocal   accept link-local guest addresses (169.254.0.0/16, fe80::/10); off by
 *                         default, as such an address is meant for the link alone and is where
 *                         cloud metadata services answer, but some setups route them on purpose
 */
@Validated
@ConfigurationProperties("vsconsole.provisioning")
public record ProvisioningProperties(
        @DefaultValue("10.88.0.0/24") @Pattern(regexp = "[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}", message = "must be an IPv4 network such as 10.88.0.0/24") String addressPool,
        @DefaultValue("eth0") @Pattern(regexp = HostGrammar.DEVICE_NAME, message = HostGrammar.DEVICE_NAME_RULE) String defaultInterface,
        @DefaultValue("false") boolean allowLinkLocal) {
}
