package dev.th.store;

import java.util.Locale;
import java.util.Properties;

/**
 * The memory and threads DuckDB may use while TH writes a store: together with the JVM's heap
 * (set by the {@code th} launcher) they bound the whole process's resident memory, whatever the
 * size of the input (docs/benchmarks.md states the bound). DuckDB spills what does not fit to
 * a temporary folder beside the store. Override with the system properties {@code th.duckdb.memory}
 * (a DuckDB size such as {@code 512MB}), {@code th.duckdb.threads} and {@code th.duckdb.checkpoint}
 * (the write-ahead log's size that makes DuckDB write into the file, {@link #CHECKPOINT_THRESHOLD}).
 */
public record StoreLimits(String memory, int threads) {
    /** DuckDB's memory limit when none is given. */
    public static final String DEFAULT_MEMORY = "256MB";

    public StoreLimits {
        if (!memory.toUpperCase(Locale.ROOT).matches("\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|KIB|MIB|GIB)")) {
            throw new IllegalArgumentException("th.duckdb.memory: not a size such as 256MB or 1GB: " + memory);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("th.duckdb.threads: must be 1 or more: " + threads);
        }
    }

    /** The limits from the system properties, or the defaults (one thread per core). */
    public static StoreLimits fromSystem() {
        String memory = System.getProperty("th.duckdb.memory", DEFAULT_MEMORY).trim();
        String threads = System.getProperty("th.duckdb.threads");
        int n;
        try {
            n = threads == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(threads.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("th.duckdb.threads: not a number: " + threads, e);
        }
        return new StoreLimits(memory, n);
    }

    /** The storage version of the store files TH creates (files made before keep their own). */
    static final String STORAGE_VERSION = "v1.4.0";

    /**
     * DuckDB writes what was committed into the file once its write-ahead log holds this much
     * (DuckDB's own default; {@code th.duckdb.checkpoint} overrides it). Each such checkpoint writes
     * the last, partly filled row group again, and the room it held before is not given back: at
     * 16 MB (every few thousand events) a simulated fleet took 216 bytes per event, at 1GB 148, for
     * about a third more CPU at ingest in one run (docs/benchmarks.md "Checkpoints and the store's size").
     */
    static final String CHECKPOINT_THRESHOLD = "16MB";

    /** The connection properties that apply them. */
    Properties connectionProperties() {
        Properties p = new Properties();
        p.setProperty("memory_limit", memory);
        p.setProperty("threads", Integer.toString(threads));
        // a store file created at this storage version can keep strings ZSTD-compressed (the
        // default version never does, even when asked): docs/benchmarks.md "Store size"
        p.setProperty("storage_compatibility_version", STORAGE_VERSION);
        p.setProperty("checkpoint_threshold", System.getProperty("th.duckdb.checkpoint", CHECKPOINT_THRESHOLD));
        return p;
    }
}
