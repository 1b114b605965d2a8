package org.vsconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audit row keeps a bounded, escaped summary of what it is given: a refused 10 MB body used to
 * be stored whole, and a name with a newline could forge a line wherever the log is shown.
 */
class AuditRowBoundsTest {

    @TempDir
    Path dir;

    private SingleConnectionDataSource dataSource;

    @AfterEach
    void close() {
        JdbcClient.create(dataSource).sql("SHUTDOWN").update();
        dataSource.destroy();
    }

    @Test
    void aHugeBodyAndControlCharactersAreStoredBoundedAndEscapedAndTheChainStillVerifies() {
        dataSource = new SingleConnectionDataSource("jdbc:h2:file:" + dir.resolve("db/vsconsole") + ";DB_CLOSE_ON_EXIT=FALSE",
                "sa", "", true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        AuditService audit = new AuditService(new AuditRepository(jdbc), new ActorResolver(), JsonMapper.builder().build(),
                new DataSourceTransactionManager(dataSource), new AuditAnchor(dir.resolve("audit-anchor")));

        String huge = "A".repeat(10 * 1024 * 1024);
        audit.record(new Actor("anonymous", "", "10.0.0.1"), new AuditEntry("guest.create",
                AuditTarget.detail("admin\nFAKE 2026-01-01 admin guest.delete ok"), Map.of("body", huge), null,
                Outcome.DENIED, "bad\r\nline\u0000end" + "m".repeat(5000), 0), UUID.randomUUID().toString());

        Map<String, Object> row = jdbc.sql("SELECT CAST(before_json AS VARCHAR) AS b, target_detail, message FROM audit_event")
                .query().singleRow();
        String before = (String) row.get("B");
        assertThat(before.length()).isLessThanOrEqualTo(AuditText.MAX_JSON);
        assertThat(before).contains("\"originalChars\":" + (huge.length() + "{\"body\":\"\"}".length()));
        assertThat((String) row.get("TARGET_DETAIL")).doesNotContain("\n").contains("admin\\nFAKE");
        String message = (String) row.get("MESSAGE");
        assertThat(message).hasSizeLessThanOrEqualTo(1000).startsWith("bad\\r\\nline\\u0000end").endsWith("chars)");
        assertThat(audit.verify().ok()).isTrue();
    }
}
