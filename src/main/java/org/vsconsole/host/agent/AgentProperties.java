package org.vsconsole.host.agent;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the console finds its host agent. Unset: the console drives this host itself, in its own
 * process, as it always has; set: every host call goes to the agent on that socket.
 *
 * @param socket the agent's Unix domain socket ({@code agent --socket=PATH}), or null
 */
@ConfigurationProperties("vsconsole.agent")
public record AgentProperties(@Nullable Path socket) {
}
