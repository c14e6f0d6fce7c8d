package dev.th.store;

import dev.th.ingest.Ingest;
import java.io.InputStream;
import java.nio.file.Path;

/** Run in a child JVM by {@link DuckDbStoreTest}: halts the JVM in the middle of an input. */
public final class CrashingIngest {
    public static void main(String[] args) {
        DuckDbStore store = DuckDbStore.open(Path.of(args[0]));
        Ingest ingest = Ingest.sequential(store, "default");
        ingest.input("crash.evtx", "c".repeat(64), 1, new ConstructedReader(10_000, "HOST-C").haltAfter(7_000),
                InputStream.nullInputStream());
    }
}
