package dev.th.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns DuckDB's I/O errors on a store into one line saying what happened, where and what to do:
 * a full disk (or a file-size limit), and a store folder or file that cannot be written.
 */
final class StoreFault {
    private static final Pattern FILE = Pattern.compile("file \"([^\"]+)\"");
    /** The store named by TH's own wrapping of the error ("cannot link the events of X in STORE: ..."). */
    private static final Pattern STORE = Pattern.compile(" in (/\\S+?th\\.duckdb): ");
    /** DuckDB's words for a write that found no room; the last is a spill to its temporary files beside the store. */
    private static final Pattern FULL = Pattern.compile("No space left on device|File too large|Disk quota exceeded|disk is full"
            + "|failed to offload data block", Pattern.CASE_INSENSITIVE);
    private static final String OFFLOAD = "failed to offload data block";
    private static final Pattern READ_ONLY = Pattern.compile("Permission denied|Operation not permitted|Read-only file system");

    private StoreFault() {
    }

    /** The line to print instead of {@code message}, when it is a full disk or a store that cannot be written. */
    static Optional<String> explain(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher file = FILE.matcher(message);
        Matcher store = STORE.matcher(message);
        Path where = file.find() ? Path.of(file.group(1)) : store.find() ? Path.of(store.group(1)) : null;
        Matcher full = FULL.matcher(message);
        if (full.find()) {
            String why = full.group().equalsIgnoreCase(OFFLOAD) ? "no room for DuckDB's temporary files beside it" : full.group();
            return Optional.of("the disk holding " + (where == null ? "the store" : where) + " is full (" + why
                    + "): free space there (or move the store, --db) and run this again; what was committed is"
                    + " kept whole, the inputs not yet committed are stored by the next run (th store check verifies"
                    + " the store)");
        }
        Matcher ro = READ_ONLY.matcher(message);
        if (ro.find() && where != null) {
            Path dir = where.getParent();
            return Optional.of("cannot write " + where + " (" + ro.group() + "): the store in " + dir + " is read-only for"
                    + " this user; make the folder and its th.duckdb writable (or copy the store) and run this again;"
                    + " nothing was changed");
        }
        return Optional.empty();
    }
}
