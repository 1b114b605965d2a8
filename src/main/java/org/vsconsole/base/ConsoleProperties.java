package org.vsconsole.base;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Console-wide settings.
 *
 * @param dataDir       where the console keeps its database, logs and the sandboxed host tree
 * @param adminPassword initial admin password for automated installs; empty means generate one
 */
@ConfigurationProperties("vsconsole")
public record ConsoleProperties(Path dataDir, String adminPassword) {
}
