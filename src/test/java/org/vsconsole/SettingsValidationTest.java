package org.vsconsole;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.vsconsole.audit.AuditProperties;
import org.vsconsole.audit.StorageProperties;
import org.vsconsole.base.ConsoleProperties;
import org.vsconsole.guests.BootProperties;
import org.vsconsole.host.HostProperties;
import org.vsconsole.host.LinuxProperties;
import org.vsconsole.host.ProvisioningProperties;
import org.vsconsole.limits.LimitsProperties;
import org.vsconsole.monitoring.AlertProperties;
import org.vsconsole.monitoring.MonitoringProperties;
import org.vsconsole.sync.SyncProperties;
import org.vsconsole.terminal.TerminalProperties;
import org.vsconsole.updates.UpdatesProperties;

/**
 * A setting out of its range stops the console at start with the setting's name and its rule,
 * instead of a bridge named with a shell word or a sampler ticking every nanosecond; the
 * defaults themselves are valid.
 */
class SettingsValidationTest {

    @EnableConfigurationProperties({ConsoleProperties.class, BootProperties.class, HostProperties.class,
            LinuxProperties.class, ProvisioningProperties.class, LimitsProperties.class, AlertProperties.class,
            MonitoringProperties.class, SyncProperties.class, TerminalProperties.class, UpdatesProperties.class,
            AuditProperties.class, StorageProperties.class})
    static class AllSettings {
    }

    private final ApplicationContextRunner console = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(AllSettings.class);

    @Test
    void theDefaultsAreValid() {
        console.run(context -> assertThat(context).hasNotFailed());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            vsconsole.linux.bridge               | br0;reboot       | 1-15 ASCII letters
            vsconsole.linux.bridge               | abcdefghijklmnop | 1-15 ASCII letters
            vsconsole.linux.cgroup-parent        | ..               | not starting with '.'
            vsconsole.linux.package-cache-port   | 70000            | 65535
            vsconsole.linux.base-tree-max-age    | -1s              | must not be negative
            vsconsole.provisioning.default-interface | eth0 up      | 1-15 ASCII letters
            vsconsole.provisioning.address-pool  | 10.88.0.0        | IPv4 network
            vsconsole.boot.marks                 | default,../x     | 1-32 ASCII letters
            vsconsole.monitoring.tick            | 0s               | must be at least
            vsconsole.monitoring.tick            | 2m               | must be at most
            vsconsole.sync.reconcile-interval    | 0s               | must be at least
            vsconsole.sync.debounce              | -5ms             | must not be negative
            vsconsole.terminal.retention         | 1h               | must be at least
            vsconsole.terminal.idle-timeout      | 1s               | must be at least
            vsconsole.limits.disk-usage-timeout  | 1ms              | must be at least
            vsconsole.alerts.mail-to             | root@localhost\\r\\nBcc: all@example.org | mail addresses separated by commas
            vsconsole.alerts.mail-from           | a@b, c@d         | one mail address
            vsconsole.updates.check-interval     | -1h              | must not be negative
            """)
    void aSettingOutOfItsRangeStopsTheStartNamingItAndItsRule(String name, String value, String rule) {
        console.withPropertyValues(name + "=" + value.translateEscapes()).run(context -> {
            assertThat(context).hasFailed();
            String why = messages(context.getStartupFailure());
            assertThat(why).contains(name.substring(name.lastIndexOf('.') + 1)).contains(rule);
        });
    }

    @Test
    void aListOfMailAddressesIsValid() {
        console.withPropertyValues("vsconsole.alerts.mail-to=ops@example.org, root@localhost")
                .run(context -> assertThat(context).hasNotFailed());
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
