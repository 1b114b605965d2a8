package org.vsconsole.host.proc;

/**
 * Walks the lines of one kernel-generated file and reads numbers in place. Written by hand rather
 * than with regular expressions or {@code split} because a snapshot of a large host parses tens of
 * thousands of lines and this path must allocate almost nothing.
 *
 * <p>The kernel ends every line with a newline, so text after the last newline is a cut-off read
 * (a truncated file) and is never handed out; {@link #endedInsideLine()} tells the parser to warn.
 */
final class LineScanner {

    private final String text;
    private final int length;
    private int nextLineStart;
    private int lineStart;
    private int lineEnd;
    private int keyEnd;
    private int position;
    private int lineNumber;
    private boolean endedInsideLine;
    private boolean numberMissing;
    private boolean numberOverflowed;

    LineScanner(String text) {
        this.text = text;
        this.length = text.length();
    }

    /** Moves to the next complete line; returns false at the end of the text. */
    boolean nextLine() {
        if (nextLineStart >= length) {
            return false;
        }
        int newline = text.indexOf('\n', nextLineStart);
        if (newline < 0) {
            endedInsideLine = true;
            nextLineStart = length;
            return false;
        }
        lineStart = nextLineStart;
        lineEnd = newline > lineStart && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
        nextLineStart = newline + 1;
        lineNumber++;
        // bounded search: an unbounded one would rescan the rest of a colon-free junk file per line
        keyEnd = text.indexOf(':', lineStart, lineEnd);
        position = keyEnd >= 0 ? keyEnd + 1 : lineStart;
        return true;
    }

    boolean endedInsideLine() {
        return endedInsideLine;
    }

    int lineNumber() {
        return lineNumber;
    }

    boolean lineIsBlank() {
        for (int i = lineStart; i < lineEnd; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** True when the line has the {@code key:} shape the kernel uses for named values. */
    boolean hasKey() {
        return keyEnd > lineStart;
    }

    boolean keyIs(String key) {
        return keyEnd - lineStart == key.length() && text.startsWith(key, lineStart);
    }

    boolean lineStartsWith(String prefix) {
        return lineEnd - lineStart >= prefix.length() && text.startsWith(prefix, lineStart);
    }

    /** The key as a new string; only for keys the parser keeps (unknown limit rows and the like). */
    String key() {
        return keyEnd > lineStart ? text.substring(lineStart, keyEnd) : "";
    }

    /** Places the reading position just after {@code offset} characters of the line. */
    void skipLinePrefix(int offset) {
        position = Math.min(lineStart + offset, lineEnd);
    }

    /** Places the reading position after the first {@code c} of the line; false when absent. */
    boolean skipPast(char c) {
        int at = text.indexOf(c, position, lineEnd);
        if (at < 0) {
            return false;
        }
        position = at + 1;
        return true;
    }

    /** Skips blanks and the separators the kernel puts between numbers ({@code / , :}). */
    private void skipSeparators() {
        while (position < lineEnd) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '/' && c != ',' && c != ':') {
                return;
            }
            position++;
        }
    }

    boolean hasMoreValues() {
        skipSeparators();
        return position < lineEnd;
    }

    /**
     * Reads a signed decimal number. Sets {@link #numberMissing()} when none is there and
     * {@link #numberOverflowed()} (returning {@link Long#MAX_VALUE}) when it does not fit, which is
     * how unsigned 64-bit "infinite" values of some kernels look.
     */
    long nextLong() {
        numberMissing = false;
        numberOverflowed = false;
        skipSeparators();
        boolean negative = position < lineEnd && text.charAt(position) == '-';
        int start = negative ? position + 1 : position;
        int at = start;
        long value = 0;
        while (at < lineEnd) {
            int digit = text.charAt(at) - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            if (value > (Long.MAX_VALUE - digit) / 10) {
                numberOverflowed = true;
            } else {
                value = value * 10 + digit;
            }
            at++;
        }
        if (at == start) {
            numberMissing = true;
            return 0;
        }
        position = at;
        if (numberOverflowed) {
            return Long.MAX_VALUE;
        }
        return negative ? -value : value;
    }

    /** Reads up to 16 hex digits as an unsigned 64-bit pattern (flags and capability words). */
    long nextHex() {
        numberMissing = false;
        numberOverflowed = false;
        skipSeparators();
        int start = position;
        long value = 0;
        while (position < lineEnd) {
            int digit = Character.digit(text.charAt(position), 16);
            if (digit < 0) {
                break;
            }
            if (position - start >= 16) {
                numberOverflowed = true;
            }
            value = (value << 4) | digit;
            position++;
        }
        numberMissing = position == start;
        return value;
    }

    /** Reads {@code seconds.hundredths} (uptimes, load averages) as hundredths. */
    long nextHundredths() {
        long whole = nextLong();
        if (numberMissing) {
            return 0;
        }
        long hundredths = 0;
        if (position < lineEnd && text.charAt(position) == '.') {
            position++;
            int digits = 0;
            while (position < lineEnd && digits < 2) {
                int digit = text.charAt(position) - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                hundredths = hundredths * 10 + digit;
                digits++;
                position++;
            }
            if (digits == 1) {
                hundredths *= 10;
            }
            while (position < lineEnd && Character.isDigit(text.charAt(position))) {
                position++;
            }
        }
        return whole * 100 + (whole < 0 ? -hundredths : hundredths);
    }

    boolean numberMissing() {
        return numberMissing;
    }

    boolean numberOverflowed() {
        return numberOverflowed;
    }

    /** The rest of the line after the leading blanks, as the kernel printed it with {@code %s}. */
    String restOfLine() {
        int start = position;
        while (start < lineEnd && (text.charAt(start) == '\t' || text.charAt(start) == ' ')) {
            start++;
        }
        return text.substring(start, lineEnd);
    }

    /** The word at the reading position (for pointer values and single-letter states). */
    String nextWord() {
        skipSeparators();
        int start = position;
        while (position < lineEnd) {
            char c = text.charAt(position);
            if (c == ' ' || c == '\t') {
                break;
            }
            position++;
        }
        return text.substring(start, position);
    }

    /** A short, printable excerpt of the current line for warnings about junk. */
    String lineExcerpt() {
        int end = Math.min(lineEnd, lineStart + 40);
        StringBuilder excerpt = new StringBuilder(end - lineStart + 3);
        for (int i = lineStart; i < end; i++) {
            char c = text.charAt(i);
            excerpt.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (end < lineEnd) {
            excerpt.append("...");
        }
        return excerpt.toString();
    }

    void warnUnreadable(Warnings warnings) {
        warnings.add("line " + lineNumber + " not understood: \"" + lineExcerpt() + "\"");
    }

    void warnIfTruncated(Warnings warnings) {
        if (endedInsideLine) {
            warnings.add("file ends inside a line (truncated read?); the partial last line was ignored");
        }
    }
}
