package org.vsconsole.base;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Keeps the console's own data private: the database folder 0700 and its files 0600, the audit
 * anchor and password file 0600. The data directory itself is 0711, as LXC must pass through it
 * (never list it) to reach sandboxed guest trees below. The folders are fixed before any bean
 * (the database first of all) starts; the files H2 has made are fixed once all beans are up.
 */
@DataDirFiles
@Component
class DataDirPermissions implements BeanFactoryPostProcessor, EnvironmentAware, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DataDirPermissions.class);

    private Path dataDir = Path.of("./data");

    @Override
    public void setEnvironment(Environment environment) {
        dataDir = Path.of(environment.getProperty("vsconsole.data-dir", "./data"));
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        folders(dataDir);
    }

    @Override
    public void afterSingletonsInstantiated() {
        files(dataDir);
    }

    static void folders(Path dataDir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createDirectories(dataDir.resolve("db"));
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(dataDir.resolve("db"), PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the data directory " + dataDir + " private: " + e.getMessage(), e);
        }
    }

    static void files(Path dataDir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (Stream<Path> db = Files.list(dataDir.resolve("db"))) {
            for (Path file : (Iterable<Path>) Stream.concat(db, Stream.of(dataDir.resolve("audit-anchor"),
                    dataDir.resolve("initial-admin-password")))::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException e) {
            log.warn("Cannot make the files under {} private: {}", dataDir, e.getMessage());
        }
    }
}
