package dev.th.cli;

import dev.th.hunt.RuleInfo;
import dev.th.hunt.RuleProblem;
import dev.th.hunt.RuleSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code th rules}: work with Sigma rule files. */
@Command(name = "rules", description = "Sigma rules: check which load.", subcommands = {RulesCommand.Check.class},
        mixinStandardHelpOptions = true, footerHeading = "%nExamples:%n",
        footer = {"  th rules check ~/sigma/rules/windows", "  th rules check my-rule.yml"})
public final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code th rules check PATH...}: one line per rule, totals at the end. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Load Sigma rules (files or folders, recursively) and say, for each rule, whether it loaded"
                    + " and why not. Exit code 0 when all loaded, 2 when some did not.",
            footerHeading = "%nExamples:%n",
            footer = {"  th rules check ~/sigma/rules/windows", "  th rules check ~/sigma/rules/windows/process_creation my-rule.yml"})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "PATH", description = "rule files (.yml, .yaml) or folders")
        List<Path> paths;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            long t0 = System.nanoTime();
            RuleSet set = RuleSet.load(paths);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            record Line(String source, String text) {
            }
            List<Line> lines = new ArrayList<>();
            for (RuleInfo r : set.loaded()) {
                lines.add(new Line(r.source(), "loaded      " + r.source() + "  " + (r.id() == null ? "-" : r.id()) + "  "
                        + r.title()));
            }
            for (RuleProblem p : set.problems()) {
                lines.add(new Line(p.source(), "NOT LOADED  " + p.source() + "  " + (p.ruleId() == null ? "-" : p.ruleId())
                        + "  " + p.reason()));
            }
            lines.sort(Comparator.comparing(Line::source));
            lines.forEach(l -> out.println(l.text()));
            out.printf("%d loaded, %d not loaded (%d ms)%n", set.loaded().size(), set.problems().size(), ms);
            out.flush();
            return set.problems().isEmpty() ? 0 : 2;
        }
    }
}
