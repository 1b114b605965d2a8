package org.vsconsole.sync;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A small line diff (LCS) printed in unified style, for the little text files of a config tree. */
final class UnifiedDiff {

    static final int MAX_LINES = 2000;
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff of one file; {@code oldText} or {@code newText} null means absent. */
    static String diff(String path, @Nullable String oldText, @Nullable String newText) {
        List<String> a = lines(oldText);
        List<String> b = lines(newText);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldText == null ? "/dev/null" : "a/" + path + " (accepted)").append('\n');
        out.append("+++ ").append(newText == null ? "/dev/null" : "b/" + path + " (on disk)").append('\n');
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            out.append("(too long to show: ").append(a.size()).append(" → ").append(b.size()).append(" lines)\n");
            return out.toString();
        }
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // edit script: ' ', '-', '+' with the line
        List<String> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(" " + a.get(i++));
                j++;
            } else if (i < a.size() && (j >= b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add("-" + a.get(i++));
            } else {
                ops.add("+" + b.get(j++));
            }
        }
        // hunks with a few lines of context
        int k = 0;
        int oldLine = 1;
        int newLine = 1;
        while (k < ops.size()) {
            if (ops.get(k).charAt(0) == ' ') {
                k++;
                oldLine++;
                newLine++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int hunkOld = oldLine - (k - start);
            int hunkNew = newLine - (k - start);
            int end = k;
            int quiet = 0;
            while (end < ops.size() && quiet <= 2 * CONTEXT) {
                quiet = ops.get(end).charAt(0) == ' ' ? quiet + 1 : 0;
                end++;
            }
            end = Math.min(ops.size(), end - Math.max(0, quiet - CONTEXT));
            int oldCount = 0;
            int newCount = 0;
            StringBuilder body = new StringBuilder();
            for (int m = start; m < end; m++) {
                char c = ops.get(m).charAt(0);
                if (c != '+') {
                    oldCount++;
                }
                if (c != '-') {
                    newCount++;
                }
                body.append(ops.get(m)).append('\n');
            }
            for (int m = k; m < end; m++) {
                char c = ops.get(m).charAt(0);
                if (c != '+') {
                    oldLine++;
                }
                if (c != '-') {
                    newLine++;
                }
            }
            out.append("@@ -").append(oldCount == 0 ? hunkOld - 1 : hunkOld).append(',').append(oldCount)
                    .append(" +").append(newCount == 0 ? hunkNew - 1 : hunkNew).append(',').append(newCount)
                    .append(" @@\n").append(body);
            k = end;
        }
        return out.toString();
    }

    private static List<String> lines(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(t.split("\n", -1));
    }
}
