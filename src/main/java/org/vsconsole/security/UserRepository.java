package org.vsconsole.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Users, their roles and owned guests in H2. */
@Repository
class UserRepository {

    record Credentials(String username, String passwordHash, boolean enabled) {
    }

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single();
    }

    boolean exists(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = ?").param(username).query(Long.class).single() > 0;
    }

    Optional<Credentials> credentials(String username) {
        return jdbc.sql("SELECT username, password_hash, enabled FROM app_user WHERE username = ?")
                .param(username)
                .query((rs, n) -> new Credentials(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                .optional();
    }

    List<UserAccount> findAll() {
        return jdbc.sql("SELECT username FROM app_user ORDER BY username").query(String.class).list().stream()
                .map(u -> find(Objects.requireNonNull(u, "username is NOT NULL")).orElseThrow())
                .toList();
    }

    private record AccountRow(long id, String username, boolean enabled, boolean mustChange, Instant created) {
    }

    /**
     * The roles and guests are read after the account row's query has returned its connection: read
     * inside its row mapper, each caller held two pooled connections at once, and about ten
     * concurrent API calls exhausted the pool and waited 30 s for one.
     */
    Optional<UserAccount> find(String username) {
        return jdbc.sql("SELECT id, username, enabled, must_change_password, created_at FROM app_user WHERE username = ?")
                .param(username)
                .query((rs, n) -> new AccountRow(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()))
                .optional()
                .map(r -> new UserAccount(r.id(), r.username(), r.enabled(), r.mustChange(), roles(r.id()), guests(r.id()),
                        r.created()));
    }

    long insert(String username, String passwordHash, boolean mustChange) {
        jdbc.sql("INSERT INTO app_user (username, password_hash, enabled, must_change_password, created_at)"
                + " VALUES (?, ?, TRUE, ?, ?)")
                .params(username, passwordHash, mustChange, now())
                .update();
        return jdbc.sql("SELECT id FROM app_user WHERE username = ?").param(username).query(Long.class).single();
    }

    void setPassword(String username, String passwordHash, boolean mustChange) {
        jdbc.sql("UPDATE app_user SET password_hash = ?, must_change_password = ?, password_changed_at = ? WHERE username = ?")
                .params(passwordHash, mustChange, now(), username)
                .update();
    }

    void setEnabled(String username, boolean enabled) {
        jdbc.sql("UPDATE app_user SET enabled = ? WHERE username = ?").params(enabled, username).update();
    }

    void replaceRolesAndGuests(long userId, Collection<Role> roles, Collection<String> guests) {
        jdbc.sql("DELETE FROM app_user_role WHERE user_id = ?").param(userId).update();
        for (Role role : roles) {
            jdbc.sql("INSERT INTO app_user_role (user_id, role) VALUES (?, ?)").params(userId, role.name()).update();
        }
        jdbc.sql("DELETE FROM app_user_guest_owner WHERE user_id = ?").param(userId).update();
        for (String guest : guests) {
            jdbc.sql("INSERT INTO app_user_guest_owner (user_id, guest_id) VALUES (?, ?)")
                    .params(userId, identityOf(guest)).update();
        }
    }

    Set<Role> roles(long userId) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.sql("SELECT role FROM app_user_role WHERE user_id = ?").param(userId).query(String.class).list()
                .forEach(r -> roles.add(Role.valueOf(r)));
        return roles;
    }

    Set<String> guests(long userId) {
        return new TreeSet<>(jdbc.sql("SELECT i.name FROM app_user_guest_owner o JOIN guest_identity i ON i.id = o.guest_id"
                + " WHERE o.user_id = ? AND i.retired_at IS NULL")
                .param(userId).query(String.class).list());
    }

    Map<String, List<String>> ownersByGuest() {
        Map<String, List<String>> owners = new TreeMap<>();
        jdbc.sql("SELECT i.name, u.username FROM app_user_guest_owner o JOIN app_user u ON u.id = o.user_id"
                + " JOIN guest_identity i ON i.id = o.guest_id WHERE i.retired_at IS NULL"
                + " ORDER BY i.name, u.username")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(e -> owners.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return owners;
    }

    /** The identity of the guest now known under {@code name}, made when there is none. */
    synchronized long identityOf(String name) {
        return jdbc.sql("SELECT id FROM guest_identity WHERE name = ? AND retired_at IS NULL").param(name)
                .query(Long.class).optional().orElseGet(() -> {
                    jdbc.sql("INSERT INTO guest_identity (name, created_at) VALUES (?, ?)").params(name, now()).update();
                    return jdbc.sql("SELECT MAX(id) FROM guest_identity WHERE name = ? AND retired_at IS NULL")
                            .param(name).query(Long.class).single();
                });
    }

    /** Gives the guest now known as {@code to} every owner of the one known as {@code from}; returns how many. */
    synchronized int copyOwners(String from, String to) {
        long target = identityOf(to);
        return jdbc.sql("INSERT INTO app_user_guest_owner (user_id, guest_id) SELECT o.user_id, ? FROM app_user_guest_owner o"
                + " JOIN guest_identity i ON i.id = o.guest_id WHERE i.name = ? AND i.retired_at IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM app_user_guest_owner t WHERE t.user_id = o.user_id AND t.guest_id = ?)")
                .params(target, from, target).update();
    }

    /** The current names of guests of managed host {@code host} that have an identity, as {@code host/guest}. */
    List<String> identitiesOnHost(String host) {
        return jdbc.sql("SELECT name FROM guest_identity WHERE name LIKE ? AND retired_at IS NULL")
                .param(host + "/%").query((rs, n) -> rs.getString(1)).list();
    }

    /** The guest under {@code name} is gone: its identity (and so its owners) stays with it. */
    synchronized int retireIdentity(String name) {
        return jdbc.sql("UPDATE guest_identity SET retired_at = ? WHERE name = ? AND retired_at IS NULL")
                .params(now(), name).update();
    }

    /** The account's TOTP secret (base32), or empty when it has no second factor. */
    Optional<String> totpSecret(String username) {
        return jdbc.sql("SELECT totp_secret FROM app_user WHERE username = ? AND totp_secret IS NOT NULL")
                .param(username).query(String.class).optional();
    }

    Set<String> totpUsers() {
        return new TreeSet<>(jdbc.sql("SELECT username FROM app_user WHERE totp_secret IS NOT NULL").query(String.class).list());
    }

    /** Sets (or with null removes) the second factor; the used-step mark goes with the old secret. */
    void setTotp(String username, @Nullable String secretBase32, @Nullable Long usedStep) {
        // one by one: param(value) takes a null (SQL NULL), params(values...) is not declared to
        jdbc.sql("UPDATE app_user SET totp_secret = ?, totp_last_step = ?, totp_enrolled_at = ? WHERE username = ?")
                .param(secretBase32).param(usedStep).param(secretBase32 == null ? null : now()).param(username).update();
    }

    /**
     * Marks {@code step} used for the account if no code of it (or of a later step) was accepted
     * before; one conditional update, so two requests with the same code cannot both succeed.
     */
    boolean useTotpStep(String username, long step) {
        return jdbc.sql("UPDATE app_user SET totp_last_step = ? WHERE username = ? AND totp_secret IS NOT NULL"
                + " AND (totp_last_step IS NULL OR totp_last_step < ?)").params(step, username, step).update() == 1;
    }

    boolean mustChangePassword(String username) {
        return jdbc.sql("SELECT must_change_password FROM app_user WHERE username = ?").param(username)
                .query(Boolean.class).optional().orElse(false);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
    }
}
