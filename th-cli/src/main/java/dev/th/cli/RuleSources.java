package dev.th.cli;

import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.RulePack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The rule options shared by {@code th hunt}, {@code th ingest} and {@code th quickstart}:
 * {@code --rules PATH...} (Sigma files or folders) and {@code --th-rules} (TH's own pack, the
 * default when no --rules is given). Loads them, saying how many rules loaded and where to see
 * why the others did not; a rule that fails never stops the others.
 */
public final class RuleSources {
    @Option(names = "--rules", paramLabel = "PATH", split = ",",
            description = "Sigma rule file or folder (searched recursively); repeat the option or separate with commas. Default: TH's own rule pack.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--th-rules", description = "Also load TH's own rule pack when --rules is given.")
    boolean withPack;

    /** Whether the user named rules. */
    boolean given() {
        return !rules.isEmpty();
    }

    /** The paths to load: the given ones, plus TH's pack when asked or when none was given. */
    List<Path> paths() throws IOException {
        List<Path> paths = new ArrayList<>();
        for (Path p : rules) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("rule path " + p + " does not exist");
            }
            paths.add(p);
        }
        if (rules.isEmpty() || withPack) {
            paths.add(RulePack.materialize());
        }
        return paths;
    }

    /** Loads the rules and reports the counts on {@code err}. */
    RuleSet load(PrintWriter err) throws IOException {
        RuleSet set = RuleSet.load(paths());
        int bad = set.problems().size();
        String what = rules.isEmpty() ? "TH's rule pack" : withPack ? "the given rules and TH's rule pack" : "the given rules";
        err.printf("Rules: %d loaded from %s", set.loaded().size(), what);
        if (bad > 0) {
            err.printf("; %d not loaded (see why: th rules check %s)", bad,
                    rules.isEmpty() ? "" : String.join(" ", rules.stream().map(Path::toString).toList()));
        }
        err.println();
        err.flush();
        return set;
    }
}
