package org.vsconsole.audit;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes audit rows as RFC 4180 CSV. Cells that a spreadsheet would run as a formula get a
 * leading apostrophe, since actors and targets can carry user-chosen text.
 */
final class AuditCsv {

    static final String HEADER = "seq,time_utc,actor,roles,client,action,guest,xid,detail,outcome,message,"
            + "duration_ms,correlation_id,before,after,hash";

    private AuditCsv() {
    }

    static void writeHeader(Writer out) throws IOException {
        out.write(HEADER);
        out.write("\r\n");
    }

    static void writeRow(Writer out, AuditEvent e) throws IOException {
        String[] cells = {
                Long.toString(e.seq()), e.time().toString(), e.actor(), e.actorRoles(), e.clientAddress(), e.action(),
                e.targetGuest(), e.targetXid() == null ? null : e.targetXid().toString(), e.targetDetail(),
                e.outcome().dbValue(), e.message(), Long.toString(e.durationMs()), e.correlationId(), e.beforeJson(),
                e.afterJson(), e.hash()
        };
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells[i]));
        }
        out.write("\r\n");
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
