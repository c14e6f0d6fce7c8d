package dev.th.json;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Splits UTF-8 (or, after a BOM, UTF-16) text into lines (ending in LF or CRLF) while holding at most {@code maxChars} of
 * one line: a longer line is passed over to its end and reported by {@link #tooLong()}, so a
 * file without line breaks cannot fill the heap. A byte-order mark at the start is dropped.
 */
final class BoundedLines {
    /** Longest line kept: far above any Windows event (a 4104 script block part is 32 K chars). */
    static final int DEFAULT_MAX_CHARS = 16 * 1024 * 1024;

    private final Reader in;
    private final int maxChars;
    private final char[] buf = new char[1 << 16];
    private final StringBuilder line = new StringBuilder();
    private int pos;
    private int end;
    private long number;
    private boolean tooLong;
    private int firstChar;

    BoundedLines(InputStream in, int maxChars) throws IOException {
        InputStream marked = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
        this.in = new InputStreamReader(marked, charset(marked));
        this.maxChars = maxChars;
    }

    /**
     * UTF-16 when the text starts with its byte-order mark (Windows PowerShell writes files
     * so), else UTF-8. The BOM itself is dropped as a character by {@link #next}.
     */
    private static Charset charset(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0xFF && b1 == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        return StandardCharsets.UTF_8;
    }

    /** The next line without its terminator, or null at the end of the input. */
    String next() throws IOException {
        line.setLength(0);
        tooLong = false;
        firstChar = -1;
        boolean any = false;
        while (true) {
            if (pos >= end && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            if (firstChar < 0 && pos < end) {
                firstChar = buf[pos];
            }
            int i = pos;
            while (i < end && buf[i] != '\n') {
                i++;
            }
            if (!tooLong) {
                if (line.length() + (i - pos) > maxChars) {
                    tooLong = true;
                    line.setLength(0);
                } else {
                    line.append(buf, pos, i - pos);
                }
            }
            pos = i;
            if (i < end) {
                pos++;
                break;
            }
        }
        number++;
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
            line.setLength(len - 1);
        }
        if (number == 1 && line.length() > 0 && line.charAt(0) == '\uFEFF') {
            line.deleteCharAt(0);
        }
        return line.toString();
    }

    /** The number (1-based) of the line {@link #next} returned last. */
    long number() {
        return number;
    }

    /** Whether the last line was longer than the limit (it is then returned empty). */
    boolean tooLong() {
        return tooLong;
    }

    /** The first character of the last line, even when it was too long; -1 for an empty line. */
    int firstChar() {
        return firstChar;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }
}
