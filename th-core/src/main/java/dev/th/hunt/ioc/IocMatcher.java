package dev.th.hunt.ioc;

import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matches normalized events against an IoC list in memory (for hunting files without a store;
 * the store matches in SQL with the same rules): MD5 against ChildMd5 and ParentMd5, IP
 * against RemoteIp, domain against QueryName and its parent domains. Case-insensitive.
 * Thread-safe once built.
 */
public final class IocMatcher {
    private final Map<String, Indicator> md5 = new HashMap<>();
    private final Map<String, Indicator> ip = new HashMap<>();
    private final Map<String, Indicator> domain = new HashMap<>();

    public IocMatcher(IocList list) {
        for (Indicator i : list.indicators()) {
            switch (i.type()) {
                case MD5 -> md5.put(i.value(), i);
                case IP -> ip.put(i.value(), i);
                case DOMAIN -> domain.put(i.value(), i);
                default -> throw new IllegalStateException("unhandled IoC type " + i.type());
            }
        }
    }

    /** Whether there is nothing to match. */
    public boolean isEmpty() {
        return md5.isEmpty() && ip.isEmpty() && domain.isEmpty();
    }

    /** The indicators the event matches, one entry per indicator, with the column it matched. */
    public List<Match> match(CanonicalEvent e) {
        List<Match> out = new ArrayList<>(0);
        add(out, md5, e, Column.ChildMd5);
        add(out, md5, e, Column.ParentMd5);
        add(out, ip, e, Column.RemoteIp);
        String q = e.text(Column.QueryName);
        if (q != null && !domain.isEmpty()) {
            String name = q.toLowerCase(Locale.ROOT);
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
            }
            for (String d = name; d != null; d = parent(d)) {
                Indicator i = domain.get(d);
                if (i != null) {
                    out.add(new Match(i, Column.QueryName));
                    break;
                }
            }
        }
        return out;
    }

    private static String parent(String d) {
        int dot = d.indexOf('.');
        return dot < 0 ? null : d.substring(dot + 1);
    }

    private static void add(List<Match> out, Map<String, Indicator> index, CanonicalEvent e, Column c) {
        String v = e.text(c);
        if (v == null || index.isEmpty()) {
            return;
        }
        Indicator i = index.get(v.toLowerCase(Locale.ROOT));
        if (i != null && out.stream().noneMatch(m -> m.indicator().equals(i))) {
            out.add(new Match(i, c));
        }
    }

    /** One indicator matched by an event, and the column where. */
    public record Match(Indicator indicator, Column column) {
    }
}
