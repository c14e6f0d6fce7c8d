package dev.th.hunt;

import dev.th.event.RawEvent;
import dev.th.hunt.correlate.Correlator;
import dev.th.hunt.match.EventView;
import dev.th.hunt.match.LogSourceTable;
import dev.th.hunt.match.Node;
import dev.th.hunt.match.Prefilter;
import dev.th.hunt.match.RegexCutOff;
import dev.th.hunt.sigma.SigmaRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The compiled rule set: rules indexed by the (channel, event id) that feed them, so an event
 * is only tested against the rules of its log source; field values lower-cased once per event.
 */
final class RuleMatcher implements Matcher {
    /** A detection rule ready to run; {@code feeds} null means every Windows event. */
    record Compiled(RuleInfo info, String name, Node condition, List<LogSourceTable.Feed> feeds) {
    }

    private record Slot(Compiled[] rules, Node[] gates, boolean[] emit, boolean[] correlated, Map<String, String> aliases,
            Prefilter prefilter) {
    }

    /** A rule fed by one source, with the source's extra requirement (or null). */
    private record Entry(Compiled rule, Node gate) {
    }

    private final List<Compiled> everywhere = new ArrayList<>();
    private final Map<String, List<Entry>> byChannel = new HashMap<>();
    private final Map<String, Map<Integer, List<Entry>>> byEvent = new HashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, Slot>> slots = new ConcurrentHashMap<>();
    private final Correlator correlator;
    private final ConcurrentHashMap<String, CutOffCount> cutOffs = new ConcurrentHashMap<>();
    /** One reusable view per thread: no per-event arrays. */
    private final ThreadLocal<EventView> views = new ThreadLocal<>();
    private final LogSourceTable table = LogSourceTable.standard();

    /** Whether rules are pre-selected by the literals they need (off only to measure its effect). */
    private final boolean prefilter = !Boolean.getBoolean("th.hunt.noPrefilter");

    RuleMatcher(List<Compiled> rules, List<SigmaRule.Correlation> correlations) {
        this.correlator = correlations.isEmpty() ? null : new Correlator(correlations, this::field);
        for (Compiled c : rules) {
            if (c.feeds() == null) {
                everywhere.add(c);
                continue;
            }
            for (LogSourceTable.Feed f : c.feeds()) {
                Entry entry = new Entry(c, gate(f));
                if (f.eventIds() == null) {
                    byChannel.computeIfAbsent(f.channel(), k -> new ArrayList<>()).add(entry);
                } else {
                    for (int id : f.eventIds()) {
                        byEvent.computeIfAbsent(f.channel(), k -> new HashMap<>()).computeIfAbsent(id, k -> new ArrayList<>())
                                .add(entry);
                    }
                }
            }
        }
    }

    private static Node gate(LogSourceTable.Feed f) {
        if (f.requireField() == null) {
            return null;
        }
        int field = dev.th.hunt.match.FieldIds.of(f.requireField());
        return ev -> {
            String v = ev.lower(field);
            return v != null && f.requireValues().contains(v);
        };
    }

    private String field(RawEvent e, String sigmaName) {
        return new EventView(e, aliases(e)).raw(sigmaName);
    }

    private Map<String, String> aliases(RawEvent e) {
        return e.channel() == null ? null : table.aliases(e.channel(), e.eventId());
    }

    private Slot slot(RawEvent e) {
        String channel = e.channel() == null ? "" : e.channel();
        return slots.computeIfAbsent(channel, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(e.eventId(), id -> build(channel, id));
    }

    private Slot build(String channel, int eventId) {
        String ch = channel.toLowerCase(Locale.ROOT);
        List<Entry> entries = new ArrayList<>();
        everywhere.forEach(c -> entries.add(new Entry(c, null)));
        entries.addAll(byChannel.getOrDefault(ch, List.of()));
        entries.addAll(byEvent.getOrDefault(ch, Map.of()).getOrDefault(eventId, List.of()));
        Map<Compiled, Integer> seen = new IdentityHashMap<>();
        List<Compiled> rules = new ArrayList<>();
        List<Node> gates = new ArrayList<>();
        for (Entry en : entries) {
            Compiled c = en.rule();
            Integer at = seen.get(c);
            if (at == null) {
                seen.put(c, rules.size());
                rules.add(c);
                gates.add(en.gate());
            } else if (en.gate() == null || gates.get(at) == null) {
                gates.set(at, null);
            } else {
                gates.set(at, Node.or(List.of(gates.get(at), en.gate())));
            }
        }
        int n = rules.size();
        boolean[] emit = new boolean[n];
        boolean[] correlated = new boolean[n];
        for (int i = 0; i < n; i++) {
            Compiled c = rules.get(i);
            emit[i] = correlator == null || correlator.emits(c.info(), c.name());
            correlated[i] = correlator != null && correlator.consumes(c.info(), c.name());
        }
        List<java.util.Set<Prefilter.Need>> needs = new ArrayList<>();
        rules.forEach(c -> needs.add(prefilter ? Prefilter.needs(c.condition()) : null));
        return new Slot(rules.toArray(Compiled[]::new), gates.toArray(Node[]::new), emit, correlated,
                table.aliases(channel, eventId), new Prefilter(needs));
    }

    @Override
    public void match(RawEvent event, Consumer<RuleHit> out) {
        deliver(test(event), out);
    }

    @Override
    public Tested test(RawEvent event) {
        Slot s = slot(event);
        Compiled[] rules = s.rules();
        if (rules.length == 0) {
            return new Tested(event, List.of());
        }
        EventView ev = views.get();
        if (ev == null || !ev.fitsAllFields()) {
            ev = new EventView(event, s.aliases());
            views.set(ev);
        } else {
            ev.reset(event, s.aliases());
        }
        Node[] gates = s.gates();
        boolean[] candidate = new boolean[rules.length];
        s.prefilter().candidates(ev, candidate);
        List<Tested.Match> matched = List.of();
        for (int i = 0; i < rules.length; i++) {
            if (candidate[i] && (gates[i] == null || gates[i].test(ev)) && holds(rules[i], ev)) {
                if (matched.isEmpty()) {
                    matched = new ArrayList<>(2);
                }
                matched.add(new Tested.Match(rules[i], s.emit()[i], s.correlated()[i]));
            }
        }
        return new Tested(event, matched);
    }

    /** The rule's condition on the event; a regular expression cut off makes it not hold, counted. */
    private boolean holds(Compiled rule, EventView ev) {
        try {
            return rule.condition().test(ev);
        } catch (RegexCutOff e) {
            cutOffs.computeIfAbsent(rule.info().source() + "\n" + rule.name() + "\n" + e.pattern(),
                    k -> new CutOffCount(rule.info(), e.pattern(), new LongAdder())).events().increment();
            return false;
        }
    }

    private record CutOffCount(RuleInfo rule, String pattern, LongAdder events) {
    }

    @Override
    public List<CutOff> cutOffs() {
        List<CutOff> out = new ArrayList<>();
        cutOffs.values().forEach(c -> out.add(new CutOff(c.rule(), c.pattern(), c.events().sum())));
        return out;
    }

    @Override
    public void deliver(Tested tested, Consumer<RuleHit> out) {
        if (tested.matched == null) {
            match(tested.event(), out);
            return;
        }
        for (Tested.Match m : tested.matched) {
            if (m.emit()) {
                out.accept(new RuleHit(m.rule().info(), List.of(tested.event())));
            }
            if (m.correlated()) {
                synchronized (correlator) {
                    correlator.feed(m.rule().info(), m.rule().name(), List.of(tested.event()), out);
                }
            }
        }
    }

    @Override
    public void finish(Consumer<RuleHit> out) {
        if (correlator != null) {
            synchronized (correlator) {
                correlator.finish(out);
            }
        }
    }
}
