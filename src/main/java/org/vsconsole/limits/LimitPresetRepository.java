package org.vsconsole.limits;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.jspecify.annotations.Nullable;

/** Storage of limit presets; used only by {@link LimitPresetService}. */
@Repository
class LimitPresetRepository {

    private final JdbcClient jdbc;

    LimitPresetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<LimitPreset> findAll() {
        return jdbc.sql("SELECT name, description FROM limit_preset ORDER BY name")
                .query((rs, n) -> load(java.util.Objects.requireNonNull(rs.getString(1)), rs.getString(2))).list();
    }

    Optional<LimitPreset> find(String name) {
        return jdbc.sql("SELECT description FROM limit_preset WHERE name = ?").param(name).query(String.class)
                .optional().map(d -> load(name, d));
    }

    private LimitPreset load(String name, @Nullable String description) {
        Map<String, LimitEdit> values = new LinkedHashMap<>();
        jdbc.sql("SELECT limit_name, soft_value, hard_value FROM limit_preset_value WHERE preset_name = ? ORDER BY limit_name")
                .param(name).query((rs, i) -> {
                    values.put(rs.getString(1), LimitEdit.of(rs.getLong(2), rs.getLong(3)));
                    return null;
                }).list();
        return new LimitPreset(name, description == null ? "" : description, values);
    }

    /** Inserts or replaces the preset with exactly these values. */
    @Transactional
    void save(String name, String description, Map<String, long[]> values) {
        int updated = jdbc.sql("UPDATE limit_preset SET description = ?, updated_at = ? WHERE name = ?")
                .params(description, OffsetDateTime.now(), name).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO limit_preset (name, description, updated_at) VALUES (?, ?, ?)")
                    .params(name, description, OffsetDateTime.now()).update();
        }
        jdbc.sql("DELETE FROM limit_preset_value WHERE preset_name = ?").param(name).update();
        for (Map.Entry<String, long[]> e : values.entrySet()) {
            jdbc.sql("INSERT INTO limit_preset_value (preset_name, limit_name, soft_value, hard_value) VALUES (?, ?, ?, ?)")
                    .params(name, e.getKey(), e.getValue()[0], e.getValue()[1]).update();
        }
    }

    boolean delete(String name) {
        return jdbc.sql("DELETE FROM limit_preset WHERE name = ?").param(name).update() > 0;
    }
}
