package dev.th.hunt.ioa;

import dev.th.event.RawEvent;
import dev.th.hunt.Matcher;
import dev.th.hunt.RuleHit;
import dev.th.hunt.Tested;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs compiled rules over a stream of events and turns their hits into IoAs, handed to a sink
 * in batches so memory stays bounded. One matcher per client, so that correlation windows never
 * mix tenants. Feed it from one thread, in time order when the rules hold correlations, then
 * call {@link #finish}.
 */
public final class Hunter {
    /** Receives IoAs in batches. */
    public interface IoaSink {
        void accept(List<Ioa> batch);
    }

    private static final int BATCH = 1000;

    private final Supplier<Matcher> compile;
    private final IoaFactory factory;
    private final Instant now;
    private final IoaSink sink;
    private final Map<String, Matcher> matchers = new ConcurrentHashMap<>();
    private final Map<String, Consumer<RuleHit>> outs = new HashMap<>();
    private final Map<String, Long> hitsByRule = new TreeMap<>();
    private final List<Ioa> buffer = new ArrayList<>();
    private long events;
    private long hits;

    /**
     * @param compile gives a fresh matcher (e.g. {@code ruleSet::compile}); called once per client
     * @param now the production time written in every IoA's timeStamp
     */
    public Hunter(Supplier<Matcher> compile, IoaFactory factory, Instant now, IoaSink sink) {
        this.compile = compile;
        this.factory = factory;
        this.now = now;
        this.sink = sink;
    }

    /** Tests one event of {@code clientId}. */
    public void event(String clientId, RawEvent event) {
        events++;
        matcher(clientId).match(event, out(clientId));
    }

    /**
     * The per-event tests of {@link #event}, on any thread: pass the result to
     * {@link #deliver} on the feeding thread, in stream order.
     */
    public Tested test(String clientId, RawEvent event) {
        return matcher(clientId).test(event);
    }

    /** Turns what {@link #test} found into IoAs, as {@link #event} does; call in stream order. */
    public void deliver(String clientId, Tested tested) {
        events++;
        matcher(clientId).deliver(tested, out(clientId));
    }

    private Matcher matcher(String clientId) {
        return matchers.computeIfAbsent(clientId, c -> compile.get());
    }

    /** Closes correlation windows and hands over what is left. */
    public void finish() {
        for (Map.Entry<String, Matcher> m : matchers.entrySet()) {
            m.getValue().finish(out(m.getKey()));
        }
        flush();
    }

    private Consumer<RuleHit> out(String clientId) {
        return outs.computeIfAbsent(clientId, c -> hit -> {
            hits++;
            hitsByRule.merge(hit.rule().title(), 1L, Long::sum);
            buffer.add(factory.create(hit.rule(), hit.events(), c, now));
            if (buffer.size() >= BATCH) {
                flush();
            }
        });
    }

    /** Hands over the IoAs buffered so far (e.g. at the end of an input). */
    public void flush() {
        if (!buffer.isEmpty()) {
            sink.accept(List.copyOf(buffer));
            buffer.clear();
        }
    }

    /** Events tested so far. */
    public long events() {
        return events;
    }

    /** Rule hits so far (one IoA each). */
    public long hits() {
        return hits;
    }

    /** The rules cut off so far (a regular expression past its time bound), every client's together. */
    public List<Matcher.CutOff> cutOffs() {
        Map<String, Matcher.CutOff> all = new TreeMap<>();
        for (Matcher m : matchers.values()) {
            for (Matcher.CutOff c : m.cutOffs()) {
                all.merge(c.rule().source() + "\n" + c.rule().title() + "\n" + c.pattern(), c,
                        (a, b) -> new Matcher.CutOff(a.rule(), a.pattern(), a.events() + b.events()));
            }
        }
        return List.copyOf(all.values());
    }

    /** Hits by rule title, sorted by title. */
    public Map<String, Long> hitsByRule() {
        return hitsByRule;
    }
}
