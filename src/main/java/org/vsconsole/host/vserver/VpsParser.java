package org.vsconsole.host.vserver;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.GuestProcess;

/**
 * Reads the output of {@code vps -e -o pid,user,vsz,rss,time,etime,args}. vps inserts a 20-char
 * CONTEXT column (xid right-aligned in 5, a space, the guest name) right after the PID, so the
 * context is taken by position after the pid and the rest split on blanks; the name may be empty
 * and is never needed, as rows are matched by xid. Rows that do not fit are skipped and counted:
 * one odd line must not hide the guest's other processes.
 */
public final class VpsParser {

    static final int CONTEXT_WIDTH = 20;
    private static final Pattern LEADING_PID = Pattern.compile("^\\s*(\\d+)");
    private static final Pattern REST = Pattern.compile("^\\s*(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)\\s?(.*)$");

    /** The parsed rows of one context and how many rows could not be read. */
    public record Result(List<GuestProcess> processes, int skippedRows) {
    }

    /** Thrown when the output is not vps output at all (no header with PID and CONTEXT). */
    public static final class UnreadableOutputException extends RuntimeException {

        UnreadableOutputException(String message) {
            super(message);
        }
    }

    private final long nowEpochMs;

    /** @param nowEpochMs the moment the output was taken, to turn elapsed times into start times */
    public VpsParser(long nowEpochMs) {
        this.nowEpochMs = nowEpochMs;
    }

    public Result parse(String output, int xid) {
        List<String> lines = output.lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("PID") && line.contains("CONTEXT")) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            throw new UnreadableOutputException("vps printed no header with PID and CONTEXT columns");
        }
        List<GuestProcess> processes = new ArrayList<>();
        int skipped = 0;
        for (String line : lines.subList(header + 1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            RowOutcome outcome = parseRow(line, xid);
            if (outcome.process() != null) {
                processes.add(outcome.process());
            } else if (!outcome.otherContext()) {
                skipped++;
            }
        }
        return new Result(List.copyOf(processes), skipped);
    }

    private record RowOutcome(@Nullable GuestProcess process, boolean otherContext) {

        static final RowOutcome UNREADABLE = new RowOutcome(null, false);
        static final RowOutcome OTHER = new RowOutcome(null, true);
    }

    private RowOutcome parseRow(String line, int xid) {
        Matcher pid = LEADING_PID.matcher(line);
        if (!pid.find()) {
            return RowOutcome.UNREADABLE;
        }
        int contextStart = pid.end() + 1;
        if (line.length() < contextStart + 5) {
            return RowOutcome.UNREADABLE;
        }
        String xidField = line.substring(contextStart, contextStart + 5).strip();
        if (!xidField.matches("\\d{1,5}")) {
            return RowOutcome.UNREADABLE;
        }
        if (Integer.parseInt(xidField) != xid) {
            return RowOutcome.OTHER;
        }
        String rest = line.substring(Math.min(line.length(), contextStart + CONTEXT_WIDTH));
        Matcher columns = REST.matcher(rest);
        if (!columns.matches()) {
            return RowOutcome.UNREADABLE;
        }
        try {
            long cpuMs = PsTimes.cpuTimeMs(columns.group(4));
            long elapsedMs = PsTimes.elapsedMs(columns.group(5));
            return new RowOutcome(new GuestProcess(
                    Integer.parseInt(pid.group(1)),
                    0,
                    columns.group(1),
                    Long.parseLong(columns.group(2)) * 1024,
                    Long.parseLong(columns.group(3)) * 1024,
                    cpuMs,
                    nowEpochMs - elapsedMs,
                    columns.group(6).strip()), false);
        } catch (NumberFormatException e) {
            return RowOutcome.UNREADABLE;
        }
    }
}
