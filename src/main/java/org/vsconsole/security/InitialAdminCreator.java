package org.vsconsole.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vsconsole.audit.Actor;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditEntry;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.base.ConsoleProperties;
import org.vsconsole.base.DataDirFiles;
import java.util.Objects;

/**
 * On the very first start (no users at all), creates {@code admin}. Without a configured
 * password it generates one, prints it once and writes it to {@code <data>/initial-admin-password}
 * (mode 600), and the admin must replace it at first sign-in. With {@code vsconsole.admin-password}
 * set (automated installs) nothing is printed and no change is forced.
 */
@DataDirFiles
@Component
class InitialAdminCreator implements SmartInitializingSingleton {

    static final String ADMIN = "admin";
    static final String PASSWORD_FILE = "initial-admin-password";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final Logger log = LoggerFactory.getLogger(InitialAdminCreator.class);

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final AuditService audit;
    private final ConsoleProperties properties;

    InitialAdminCreator(UserRepository users, PasswordEncoder encoder, AuditService audit, ConsoleProperties properties) {
        this.users = users;
        this.encoder = encoder;
        this.audit = audit;
        this.properties = properties;
    }

    /**
     * Before the web server opens its port (an ApplicationRunner runs after): a script calling the
     * API as soon as the port answers must find the account, not a 401.
     */
    @Override
    @Transactional
    public void afterSingletonsInstantiated() {
        if (users.count() > 0) {
            return;
        }
        String configured = properties.adminPassword();
        boolean generated = configured == null || configured.isEmpty();
        String password = generated ? randomPassword() : configured;
        if (!generated) {
            UserAccountService.validatePassword("vsconsole.admin-password", password, "admin");
        }
        long id = users.insert(ADMIN, Objects.requireNonNull(encoder.encode(password), "a password encodes to a hash"), generated);
        users.replaceRolesAndGuests(id, EnumSet.of(Role.ADMIN), Set.of());
        if (generated) {
            Path file = writePasswordFile(password);
            log.warn("""

                    ==================================================================
                     First start: created user 'admin' with the initial password
                         {}
                     (also in {}, readable by root only).
                     It must be changed at the first sign-in.
                    ==================================================================""", password, file);
        }
        audit.record(Actor.SYSTEM, AuditEntry.ok(AuditActions.USER_CREATE, AuditTarget.detail(ADMIN), null,
                users.find(ADMIN).orElseThrow(), 0), java.util.UUID.randomUUID().toString());
    }

    private Path writePasswordFile(String password) {
        try {
            Path dir = properties.dataDir();
            Files.createDirectories(dir);
            Path file = dir.resolve(PASSWORD_FILE);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return file.toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the initial admin password file", e);
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
