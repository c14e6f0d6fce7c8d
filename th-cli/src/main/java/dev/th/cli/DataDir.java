package dev.th.cli;

import dev.th.TH;
import dev.th.ingest.StoreException;
import dev.th.store.DuckDbStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The {@code --db DIR} option shared by every command that opens the store (with {@code --lake URI}
 * and {@code --engine NAME} for a lake, docs/cluster.md), and the opening itself. Failures are
 * {@link StoreException}s with a one-line message, which {@link Main} prints as
 * {@code th COMMAND: message} (exit 1).
 */
public final class DataDir {
    @Option(names = "--db", paramLabel = "DIR", defaultValue = "th-data",
            description = "Data directory holding the store (th.duckdb) or a lake. Default: ${DEFAULT-VALUE}")
    Path dir;

    @Option(names = "--lake", paramLabel = "URI",
            description = "A lake (th lake export, th lake ingest), asked with the Spark engine: a folder or a file: URI (instead of --db)")
    String lake;

    @Option(names = "--engine", paramLabel = "NAME",
            description = "duckdb (a store) or spark (a lake). Default: the one the folder holds")
    String engine;

    public Path path() {
        Path p = lake != null ? lakePath(lake) : dir;
        if (engine != null) {
            String e = engine.toLowerCase(Locale.ROOT);
            if (e.equals("spark") && !TH.isLake(p)) {
                throw new StoreException("--engine spark: no lake in " + p
                        + " (th lake export --db STORE --lake " + p + ", or th lake ingest --lake " + p + " PATH...)");
            } else if (e.equals("duckdb") && lake != null) {
                throw new StoreException("--engine duckdb and --lake do not go together: a lake is asked with --engine spark");
            } else if (!e.equals("spark") && !e.equals("duckdb")) {
                throw new StoreException("--engine " + engine + ": the engines are duckdb and spark");
            }
        }
        return p;
    }

    /** A lake URI's folder: a path or a file: URI; other schemes are not read yet. */
    static Path lakePath(String uri) {
        int colon = uri.indexOf(':');
        if (colon > 1 && uri.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            if (!uri.regionMatches(true, 0, "file:", 0, 5)) {
                throw new StoreException("--lake " + uri + ": only a folder or a file: URI is read yet ("
                        + uri.substring(0, colon) + ": object storage is not; docs/cluster.md)");
            }
            return uri.startsWith("file:/") ? Path.of(URI.create(uri)) : Path.of(uri.substring(5));
        }
        return Path.of(uri);
    }

    /** Whether the directory holds a store. */
    boolean hasStore() {
        return Files.exists(path().resolve(DuckDbStore.FILE_NAME));
    }

    /** Whether the directory holds a lake (and no store). */
    boolean isLake() {
        return !hasStore() && TH.isLake(path());
    }

    /** "no store in DIR". */
    String noStore() {
        return "no store in " + path();
    }

    /** "no store in DIR (run `th ingest --db DIR PATH...` first)". */
    String noStoreIngestFirst() {
        return isLake() ? onLake() : noStore() + " (run `th ingest --db " + path() + " PATH...` first)";
    }

    /** "DIR is a lake: this command needs a DuckDB store" (the one line of a command a lake cannot run). */
    String onLake() {
        return path() + " is a lake: this command needs a DuckDB store (docs/cluster.md lists what runs on a lake)";
    }

    /** Opens the store, creating it when there is none (for the commands that write); never inside a lake. */
    DuckDbStore open() {
        if (isLake()) {
            throw new StoreException(onLake());
        }
        return DuckDbStore.open(path());
    }

    /** Opens the store that must be there (for the commands that read): {@code missing} is the error when it is not. */
    DuckDbStore existing(String missing) {
        if (isLake()) {
            throw new StoreException(onLake());
        }
        if (!hasStore()) {
            throw new StoreException(missing);
        }
        return open();
    }
}
