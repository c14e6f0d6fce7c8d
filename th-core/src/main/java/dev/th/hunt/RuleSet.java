package dev.th.hunt;

import dev.th.hunt.match.LogSourceTable;
import dev.th.hunt.match.Node;
import dev.th.hunt.sigma.SigmaParser;
import dev.th.hunt.sigma.SigmaRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Sigma rules loaded from files and folders. Loading never stops at a bad rule: each rule that
 * cannot be used is listed in {@link #problems()} with the reason, and the others load.
 */
public final class RuleSet {
    private final List<RuleInfo> loaded = new ArrayList<>();
    private final List<RuleProblem> problems = new ArrayList<>();
    private final List<RuleMatcher.Compiled> detections = new ArrayList<>();
    private final List<SigmaRule.Correlation> correlations = new ArrayList<>();

    private RuleSet() {
    }

    /** A rule file's name and text: what loads the same rules on another machine (a Spark executor). */
    public record Text(String source, String yaml) implements java.io.Serializable {
    }

    /** Loads every {@code .yml}/{@code .yaml} file of the given files and folders (recursively). */
    public static RuleSet load(List<Path> filesOrFolders) {
        RuleSet set = new RuleSet();
        List<Path> all = new ArrayList<>();
        for (Path p : filesOrFolders) {
            all.addAll(files(p, set.problems));
        }
        return set.parseAll(all, (f, r) -> SigmaParser.parse(f, r.rules()::add, r.problems()::add));
    }

    /** The texts of the rule files that {@link #load} would read (a file that cannot be read is left out: load reports it). */
    public static List<Text> texts(List<Path> filesOrFolders) {
        List<Text> out = new ArrayList<>();
        for (Path p : filesOrFolders) {
            for (Path f : files(p, new ArrayList<>())) {
                try {
                    out.add(new Text(f.toString(), Files.readString(f, java.nio.charset.StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    // load() lists it as a problem
                }
            }
        }
        return out;
    }

    /** Loads rules from their texts, as {@link #load} does from the files. */
    public static RuleSet parse(List<Text> texts) {
        return new RuleSet().parseAll(texts, (t, r) -> SigmaParser.parse(t.source(), t.yaml(), r.rules()::add, r.problems()::add));
    }

    /** Whether correlation rules loaded (they need the events of a client as one stream in time order). */
    public boolean hasCorrelations() {
        return !correlations.isEmpty();
    }

    private record Parsed(List<SigmaRule> rules, List<RuleProblem> problems) {
    }

    private <T> RuleSet parseAll(List<T> inputs, java.util.function.BiConsumer<T, Parsed> parser) {
        RuleSet set = this;
        // files parse independently: in parallel, results kept in file order
        List<Parsed> results = inputs.parallelStream().map(f -> {
            Parsed r = new Parsed(new ArrayList<>(), new ArrayList<>());
            parser.accept(f, r);
            return r;
        }).toList();
        List<SigmaRule> parsed = new ArrayList<>();
        for (Parsed r : results) {
            parsed.addAll(r.rules());
            set.problems.addAll(r.problems());
        }
        set.link(parsed);
        return set;
    }

    private static List<Path> files(Path p, List<RuleProblem> problems) {
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        if (!Files.isDirectory(p)) {
            problems.add(new RuleProblem(p.toString(), null, "no such file or folder"));
            return List.of();
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString().toLowerCase();
                return n.endsWith(".yml") || n.endsWith(".yaml");
            }).sorted().toList();
        } catch (IOException e) {
            problems.add(new RuleProblem(p.toString(), null, "cannot list the folder: " + e.getMessage()));
            return List.of();
        } catch (UncheckedIOException e) {
            problems.add(new RuleProblem(p.toString(), null, "cannot list the folder: " + e.getCause().getMessage()));
            return List.of();
        }
    }

    private void link(List<SigmaRule> parsed) {
        Map<String, SigmaRule> byRef = new HashMap<>();
        List<SigmaRule> unique = new ArrayList<>();
        for (SigmaRule r : parsed) {
            String id = r.info().id();
            if (id != null && byRef.containsKey(id)) {
                problems.add(problem(r, "duplicate id: already loaded from " + byRef.get(id).info().source()));
                continue;
            }
            if (id != null) {
                byRef.put(id, r);
            }
            if (r.name() != null) {
                byRef.putIfAbsent(r.name(), r);
            }
            unique.add(r);
        }
        Map<String, List<SigmaRule.Filter>> filters = new HashMap<>();
        for (SigmaRule r : unique) {
            if (r instanceof SigmaRule.Filter f) {
                List<String> missing = f.rules().stream().filter(ref -> !byRef.containsKey(ref)).toList();
                for (String ref : f.rules()) {
                    filters.computeIfAbsent(ref, k -> new ArrayList<>()).add(f);
                }
                if (missing.isEmpty()) {
                    loaded.add(f.info());
                } else {
                    problems.add(problem(f, "filter names rules that were not loaded: " + String.join(", ", missing)
                            + " (it still applies to the others)"));
                }
            }
        }
        Set<String> resolved = new HashSet<>();
        for (SigmaRule r : unique) {
            if (r instanceof SigmaRule.Detection d) {
                try {
                    List<LogSourceTable.Feed> feeds = LogSourceTable.standard().feeds(d.logsource().category(),
                            d.logsource().product(), d.logsource().service());
                    Node cond = d.condition();
                    for (String ref : refs(d)) {
                        for (SigmaRule.Filter f : filters.getOrDefault(ref, List.of())) {
                            cond = Node.and(List.of(cond, Node.not(f.condition())));
                        }
                    }
                    detections.add(new RuleMatcher.Compiled(d.info(), d.name(), cond, feeds));
                    loaded.add(d.info());
                    refs(d).forEach(resolved::add);
                } catch (IllegalArgumentException e) {
                    problems.add(problem(d, e.getMessage()));
                }
            }
        }
        // correlations: every rule they name must be loaded (chains resolve in any order)
        List<SigmaRule.Correlation> pending = new ArrayList<>();
        unique.forEach(r -> {
            if (r instanceof SigmaRule.Correlation c) {
                pending.add(c);
            }
        });
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            for (var it = pending.iterator(); it.hasNext();) {
                SigmaRule.Correlation c = it.next();
                if (resolved.containsAll(c.rules())) {
                    correlations.add(c);
                    loaded.add(c.info());
                    refs(c).forEach(resolved::add);
                    it.remove();
                    progress = true;
                }
            }
        }
        for (SigmaRule.Correlation c : pending) {
            List<String> missing = c.rules().stream().filter(ref -> !resolved.contains(ref)).toList();
            problems.add(problem(c, "correlation names rules that were not loaded: " + String.join(", ", missing)));
        }
    }

    private static List<String> refs(SigmaRule r) {
        List<String> out = new ArrayList<>(2);
        if (r.info().id() != null) {
            out.add(r.info().id());
        }
        if (r.name() != null) {
            out.add(r.name());
        }
        return out;
    }

    private static RuleProblem problem(SigmaRule r, String reason) {
        return new RuleProblem(r.info().source(), r.info().id() != null ? r.info().id() : r.info().title(), reason);
    }

    /** The rules (detections, correlations and filters) that loaded. */
    public List<RuleInfo> loaded() {
        return List.copyOf(loaded);
    }

    /** The rules that did not load, each with its reason. */
    public List<RuleProblem> problems() {
        return List.copyOf(problems);
    }

    /** A matcher for the loaded rules. */
    public Matcher compile() {
        return new RuleMatcher(detections, correlations);
    }
}
