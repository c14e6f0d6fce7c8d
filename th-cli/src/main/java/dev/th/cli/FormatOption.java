package dev.th.cli;

import picocli.CommandLine.Option;

/** The {@code --format} option of the listing subcommands ({@code th ioa list}, {@code th ioc matches}). */
final class FormatOption {
    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table", description = "table, csv, json, jsonl, timesketch, timesketch-csv, navigator (IoAs) or ecs. Default: ${DEFAULT-VALUE}")
    Output.Format format;
}
