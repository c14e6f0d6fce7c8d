package dev.th.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --db DIR} option shared by every command that opens the store. */
public final class DataDir {
    @Option(names = "--db", paramLabel = "DIR", defaultValue = "th-data",
            description = "Data directory holding the store (th.duckdb). Default: ${DEFAULT-VALUE}")
    Path dir;

    public Path path() {
        return dir;
    }
}
