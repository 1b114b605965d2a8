package org.vsconsole.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vsconsole.host.agent.AgentHostDriver;
import org.vsconsole.host.agent.AgentProperties;
import org.vsconsole.host.config.ConfigWriteListener;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigReader;
import org.vsconsole.host.config.GuestConfigWriter;

/**
 * Wires the host port: the config tree reader and writer over the configured roots, and the
 * driver chosen at start-up ({@link DriverSelector}).
 */
@Configuration
class HostConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HostConfiguration.class);

    @Bean
    GuestConfigReader guestConfigReader(HostProperties host) {
        ensureDirectory(host.configRoot());
        ensureDirectory(host.guestsRoot());
        return GuestConfigReader.cached(host.configRoot());
    }

    @Bean
    GuestConfigWriter guestConfigWriter(HostProperties host, GuestConfigReader reader, ApplicationEventPublisher events,
            ProvisioningProperties provisioning, HostDriver driver) throws IOException {
        GuestConfigWriter writer = new GuestConfigWriter(host.configRoot(), host.guestsRoot(), reader);
        if (driver instanceof AgentHostDriver owner) {
            // the agent owns the config tree: this process reads it and sends its changes there,
            // from the first write on (crash recovery at start puts back through the agent too)
            writer.writeThrough(owner);
        }
        writer.allowLinkLocalAddresses(provisioning.allowLinkLocal());
        writer.addListener(new ConfigWriteListener() {

            @Override
            public void written(String guest, GuestConfig after) {
                events.publishEvent(new GuestTreeChanged(guest));
            }

            @Override
            public void created(String guest, GuestConfig after) {
                events.publishEvent(new GuestTreeChanged(guest));
            }

            @Override
            public void deleted(String guest) {
                events.publishEvent(new GuestTreeChanged(guest));
            }
        });
        // Staging files are what a crash mid-write leaves; they are never mistaken for config.
        var removed = writer.removeStaleStagingFiles();
        if (!removed.isEmpty()) {
            log.info("Removed {} staging file(s) left by an interrupted write: {}", removed.size(), removed);
        }
        return writer;
    }

    @Bean
    HostDriver hostDriver(HostProperties host, DriverSelector selector, AgentProperties agent) {
        Path socket = agent.socket();
        HostDriver driver = socket != null ? AgentHostDriver.overSocket(socket, java.time.Duration.ofSeconds(60)) : selector.select(host);
        log.info("Host driver: {}{}{}", driver.name(), socket != null ? " through the host agent at " + socket : "",
                driver.readOnlyReason().map(r -> " (" + r + ")").orElse(""));
        return driver;
    }

    private static void ensureDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir + "; check vsconsole.host.* paths", e);
        }
    }
}
