package dev.th.cli;

import dev.th.ingest.StoreException;
import dev.th.store.DuckDbStore;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --db DIR} option shared by every command that opens the store, and the opening
 * itself. Failures are {@link StoreException}s with a one-line message, which {@link Main}
 * prints as {@code th COMMAND: message} (exit 1).
 */
public final class DataDir {
    @Option(names = "--db", paramLabel = "DIR", defaultValue = "th-data",
            description = "Data directory holding the store (th.duckdb). Default: ${DEFAULT-VALUE}")
    Path dir;

    public Path path() {
        return dir;
    }

    /** Whether the directory holds a store. */
    boolean hasStore() {
        return Files.exists(dir.resolve(DuckDbStore.FILE_NAME));
    }

    /** "no store in DIR". */
    String noStore() {
        return "no store in " + dir;
    }

    /** "no store in DIR (run `th ingest --db DIR PATH...` first)". */
    String noStoreIngestFirst() {
        return noStore() + " (run `th ingest --db " + dir + " PATH...` first)";
    }

    /** Opens the store, creating it when there is none (for the commands that write). */
    DuckDbStore open() {
        return DuckDbStore.open(dir);
    }

    /** Opens the store that must be there (for the commands that read): {@code missing} is the error when it is not. */
    DuckDbStore existing(String missing) {
        if (!hasStore()) {
            throw new StoreException(missing);
        }
        return open();
    }
}
