package org.vsconsole.fleet;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the console reaches the hosts it manages besides its own.
 *
 * @param poll          how often each host's state, load and guests are read
 * @param timeout       how long an SSH connection, log-in or call may take
 * @param agentCommand  the command the console's key is allowed to run on a managed host: the
 *                      {@code authorized_keys} line the Hosts view offers forces it
 */
@ConfigurationProperties("vsconsole.fleet")
public record FleetProperties(@DefaultValue("5s") Duration poll, @DefaultValue("15s") Duration timeout,
        @DefaultValue("/usr/bin/java -jar /opt/vsconsole/vserver-console.jar agent --stdio") String agentCommand) {
}
