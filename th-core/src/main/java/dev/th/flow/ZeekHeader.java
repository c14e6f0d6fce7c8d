package dev.th.flow;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The header of a Zeek TSV log, read from its first bytes without consuming them: the log
 * ({@code #path}), the separator and the {@code #fields} names. Used to hand a conn.log whole to a
 * store that reads TSV itself.
 *
 * @param log the {@code #path} value
 * @param tab whether the separator is a tab (Zeek's default)
 * @param fields the names of the {@code #fields} line
 */
record ZeekHeader(String log, boolean tab, List<String> fields) {
    private static final int PEEK = 1 << 16;

    /** The header at the start of {@code in} (left unread), or null when none is complete there. */
    static ZeekHeader peek(BufferedInputStream in) throws IOException {
        in.mark(PEEK);
        byte[] b = in.readNBytes(PEEK);
        in.reset();
        String head = new String(b, StandardCharsets.UTF_8);
        String log = null;
        boolean tab = false;
        for (String line : head.split("\n", -1)) {
            if (!line.startsWith("#")) {
                return null;
            }
            if (line.startsWith("#separator")) {
                tab = line.substring("#separator".length()).strip().equals("\\x09");
            } else if (line.startsWith("#path")) {
                log = line.substring("#path".length()).strip();
            } else if (line.startsWith("#fields\t")) {
                return new ZeekHeader(log, tab, List.of(line.substring("#fields\t".length()).split("\t", -1)));
            }
        }
        return null;
    }
}
