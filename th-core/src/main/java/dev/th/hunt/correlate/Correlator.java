package dev.th.hunt.correlate;

import dev.th.event.RawEvent;
import dev.th.hunt.RuleHit;
import dev.th.hunt.RuleInfo;
import dev.th.hunt.match.ValueTests;
import dev.th.hunt.sigma.SigmaRule;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.DoublePredicate;

/**
 * Runs correlation rules over the hits of the rules they name, per group-by key, in windows of
 * their timespan. Conditions that only grow (gt/gte on counts and sums, temporal rules) fire as
 * soon as they hold, on a window that slides with each hit; the others (lt, lte, eq, neq,
 * averages, percentiles) are judged when a window of the timespan, opened by a group's first
 * hit, closes (or at {@link #finish}). A window that fired starts over. Not thread-safe.
 */
public final class Correlator {
    private record Item(Instant time, List<RawEvent> events, int rule, String value) {
    }

    private static final class Window {
        final ArrayDeque<Item> items = new ArrayDeque<>();
        Instant start;
    }

    private final class Corr {
        final SigmaRule.Correlation spec;
        final boolean eager;
        final DoublePredicate test;
        final Map<String, Window> groups = new LinkedHashMap<>();

        Corr(SigmaRule.Correlation spec) {
            this.spec = spec;
            boolean growing = spec.condition().keySet().stream().allMatch(op -> op.equals("gt") || op.equals("gte"));
            this.eager = spec.type().startsWith("temporal")
                    || growing && Set.of("event_count", "value_count", "value_sum").contains(spec.type());
            DoublePredicate t = d -> true;
            for (Map.Entry<String, Double> c : spec.condition().entrySet()) {
                t = t.and(ValueTests.compareOp(c.getKey(), c.getValue()));
            }
            this.test = t;
        }
    }

    private final List<Corr> corrs = new ArrayList<>();
    private final BiFunction<RawEvent, String, String> fields;
    private final Set<String> consumedByHidden = new HashSet<>();
    private final Set<String> consumedByGenerating = new HashSet<>();

    /**
     * @param correlations the correlation rules
     * @param fields how to read a field of an event (Sigma name, with the matcher's aliases)
     */
    public Correlator(List<SigmaRule.Correlation> correlations, BiFunction<RawEvent, String, String> fields) {
        this.fields = fields;
        for (SigmaRule.Correlation c : correlations) {
            corrs.add(new Corr(c));
            (c.generate() ? consumedByGenerating : consumedByHidden).addAll(c.rules());
        }
    }

    /** Whether a rule (by id or name) feeds some correlation. */
    public boolean consumes(RuleInfo info, String name) {
        return refs(info, name, consumedByHidden) || refs(info, name, consumedByGenerating);
    }

    /** Whether a rule's own hits are reported: not correlated, or correlated with {@code generate: true}. */
    public boolean emits(RuleInfo info, String name) {
        return !refs(info, name, consumedByHidden) || refs(info, name, consumedByGenerating);
    }

    private static boolean refs(RuleInfo info, String name, Set<String> set) {
        return info.id() != null && set.contains(info.id()) || name != null && set.contains(name);
    }

    /** A hit of a rule (or of a correlation, for chains). */
    public void feed(RuleInfo info, String name, List<RawEvent> events, Consumer<RuleHit> out) {
        RawEvent last = events.get(events.size() - 1);
        Instant time = last.time() == null ? Instant.EPOCH : last.time();
        for (Corr c : corrs) {
            int idx = index(c.spec, info, name);
            if (idx < 0) {
                continue;
            }
            StringBuilder key = new StringBuilder();
            for (String g : c.spec.groupBy()) {
                String field = g;
                Map<String, String> alias = c.spec.aliases().get(g);
                if (alias != null && name != null && alias.containsKey(name)) {
                    field = alias.get(name);
                }
                String v = fields.apply(last, field);
                key.append(v == null ? "\u0000" : v.toLowerCase(Locale.ROOT)).append('\u0001');
            }
            String value = c.spec.field() == null ? null : fields.apply(last, c.spec.field());
            Window w = c.groups.computeIfAbsent(key.toString(), k -> new Window());
            Item item = new Item(time, events, idx, value);
            if (c.eager) {
                while (!w.items.isEmpty() && w.items.peekFirst().time().isBefore(time.minus(c.spec.timespan()))) {
                    w.items.pollFirst();
                }
                w.items.addLast(item);
                List<RawEvent> fired = judge(c, w);
                if (fired != null) {
                    w.items.clear();
                    fire(c, fired, out);
                }
            } else {
                if (w.start != null && time.isAfter(w.start.plus(c.spec.timespan()))) {
                    close(c, w, out);
                }
                if (w.start == null) {
                    w.start = time;
                }
                w.items.addLast(item);
            }
        }
    }

    /** Judges every window still open. */
    public void finish(Consumer<RuleHit> out) {
        for (Corr c : corrs) {
            if (!c.eager) {
                for (Window w : new ArrayList<>(c.groups.values())) {
                    close(c, w, out);
                }
            }
            c.groups.clear();
        }
    }

    private void close(Corr c, Window w, Consumer<RuleHit> out) {
        List<RawEvent> fired = w.items.isEmpty() ? null : judge(c, w);
        w.items.clear();
        w.start = null;
        if (fired != null) {
            fire(c, fired, out);
        }
    }

    private void fire(Corr c, List<RawEvent> events, Consumer<RuleHit> out) {
        RuleInfo info = c.spec.info();
        if (emits(info, c.spec.name())) {
            out.accept(new RuleHit(info, List.copyOf(events)));
        }
        if (consumes(info, c.spec.name())) {
            feed(info, c.spec.name(), events, out);
        }
    }

    /** The events that satisfy the correlation in this window, or null. */
    private List<RawEvent> judge(Corr c, Window w) {
        List<Item> items = new ArrayList<>(w.items);
        switch (c.spec.type()) {
            case "event_count":
                return c.test.test(items.size()) ? events(items) : null;
            case "value_count": {
                Set<String> distinct = new HashSet<>();
                items.forEach(i -> {
                    if (i.value() != null) {
                        distinct.add(i.value().toLowerCase(Locale.ROOT));
                    }
                });
                return c.test.test(distinct.size()) ? events(items) : null;
            }
            case "value_sum":
            case "value_avg": {
                double sum = 0;
                int n = 0;
                for (Item i : items) {
                    double d = ValueTests.number(i.value());
                    if (!Double.isNaN(d)) {
                        sum += d;
                        n++;
                    }
                }
                if (n == 0) {
                    return null;
                }
                double v = c.spec.type().equals("value_sum") ? sum : sum / n;
                return c.test.test(v) ? events(items) : null;
            }
            case "value_percentile": {
                Map<String, List<Item>> byValue = new HashMap<>();
                items.forEach(i -> byValue.computeIfAbsent(i.value() == null ? "" : i.value().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(i));
                List<Item> hits = new ArrayList<>();
                for (List<Item> same : byValue.values()) {
                    if (c.test.test(100.0 * same.size() / items.size())) {
                        hits.addAll(same);
                    }
                }
                return hits.isEmpty() ? null : events(hits);
            }
            case "temporal": {
                Set<Integer> seen = new HashSet<>();
                items.forEach(i -> seen.add(i.rule()));
                boolean ok = c.spec.condition().isEmpty() ? seen.size() == c.spec.rules().size() : c.test.test(seen.size());
                return ok ? events(items) : null;
            }
            default: {
                int next = 0;
                List<Item> chain = new ArrayList<>();
                for (Item i : items) {
                    if (next < c.spec.rules().size() && i.rule() == next) {
                        chain.add(i);
                        next++;
                    }
                }
                boolean ok = c.spec.condition().isEmpty() ? next == c.spec.rules().size() : c.test.test(next);
                return ok ? events(items) : null;
            }
        }
    }

    private static List<RawEvent> events(List<Item> items) {
        List<RawEvent> out = new ArrayList<>();
        items.forEach(i -> out.addAll(i.events()));
        return out;
    }

    private static int index(SigmaRule.Correlation spec, RuleInfo info, String name) {
        List<String> rules = spec.rules();
        for (int i = 0; i < rules.size(); i++) {
            String r = rules.get(i);
            if (r.equals(info.id()) || r.equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
