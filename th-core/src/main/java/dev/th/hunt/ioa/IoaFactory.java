package dev.th.hunt.ioa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.RawEvent;
import dev.th.hunt.RuleInfo;
import dev.th.normalize.Normalizer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds IoAs from rule hits: the seed's columns from the rule's metadata and the event that
 * fired. Pure; one instance serves every thread.
 */
public final class IoaFactory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MitreCatalog mitre;

    public IoaFactory(MitreCatalog mitre) {
        this.mitre = mitre;
    }

    /** A factory over the shipped ATT&CK catalog. */
    public static IoaFactory standard() {
        return new IoaFactory(MitreCatalog.shared());
    }

    /**
     * The IoA of one hit.
     *
     * @param rule the rule's metadata (its author goes into the details, as SigmaHQ's licence asks)
     * @param events the events of the hit; the first is the one that fired (the only one for a
     *     plain rule; a correlation rule lists the events it counted)
     * @param clientId the client the events belong to
     * @param now the production time ({@code timeStamp})
     */
    public Ioa create(RuleInfo rule, List<RawEvent> events, String clientId, Instant now) {
        RawEvent e = events.get(0);
        Level level = Level.of(rule.level());
        String sourceHash = e.source() == null ? "" : e.source().contentHash();
        String path = e.source() == null ? "" : e.source().path();
        return new Ioa(
                e.time(),
                clientId,
                level.critical(),
                details(rule, events),
                false,
                rule.title(),
                IoaIds.of(clientId, rule.id(), sourceHash, e.recordId()),
                0,
                mitre.describe(rule.tags()),
                Normalizer.muid(clientId, e.computer()),
                level.label(),
                IoaStatus.NEW.label(),
                now,
                level.weight(),
                rule.id(),
                rule.title(),
                rule.author(),
                path + "#" + e.recordId(),
                e.computer(),
                sourceHash,
                e.recordId());
    }

    private static String details(RuleInfo rule, List<RawEvent> events) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("rule", rule(rule));
        d.put("event", event(events.get(0)));
        if (events.size() > 1) {
            d.put("correlatedEvents", events.size());
            d.put("correlatedRefs", events.stream()
                    .map(x -> (x.source() == null ? "" : x.source().path()) + "#" + x.recordId()).toList());
        }
        return json(d, "IoA details of rule " + rule.id());
    }

    /** The {@code rule} part of an IoA's details. */
    static Map<String, Object> rule(RuleInfo rule) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", rule.id());
        r.put("title", rule.title());
        r.put("author", rule.author());
        r.put("level", rule.level());
        r.put("status", rule.status());
        r.put("references", rule.references() == null ? List.of() : rule.references());
        r.put("description", rule.description());
        r.put("source", RulePack.label(rule.source()));
        return r;
    }

    /** An IoA's details as JSON; {@code what} names them in the error. */
    static String json(Map<String, Object> details, String what) {
        try {
            return JSON.writeValueAsString(details);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException(what + " cannot be written as JSON", ex);
        }
    }

    private static Map<String, Object> event(RawEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.time() == null ? null : e.time().toString());
        m.put("computer", e.computer());
        m.put("channel", e.channel());
        m.put("provider", e.provider());
        m.put("eventId", e.eventId());
        m.put("recordId", e.recordId());
        m.put("sourcePath", e.source() == null ? null : e.source().path());
        m.put("sourceHash", e.source() == null ? null : e.source().contentHash());
        m.put("fields", e.fields());
        return m;
    }
}
