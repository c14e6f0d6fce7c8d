package dev.th.hunt.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules that share one log source, pre-selected per event by the literals they need: for each
 * rule, a set of (field, literal test) of which at least one must hold for the rule to match,
 * read from its condition; the literals of each field are found in one Aho-Corasick pass over
 * the event's lower-cased value. Rules without such a set are always candidates.
 */
public final class Prefilter {
    /** The pseudo field of keyword searches: any value of the event. */
    public static final int ANY_FIELD = -1;

    /** A literal test on a field. */
    public record Need(int field, ValueTest.Literal literal) {
    }

    private record Entry(ValueTest.Kind kind, int rule) {
    }

    private final int rules;
    private final int[] always;
    private final int[] fields;
    private final AhoCorasick[] automata;
    private final Entry[][][] entries;

    /** @param needs per rule, its needed literals, or null when it has none */
    public Prefilter(List<Set<Need>> needs) {
        this.rules = needs.size();
        List<Integer> alwaysList = new ArrayList<>();
        Map<Integer, Map<String, List<Entry>>> byField = new HashMap<>();
        for (int r = 0; r < needs.size(); r++) {
            Set<Need> n = needs.get(r);
            if (n == null) {
                alwaysList.add(r);
                continue;
            }
            for (Need need : n) {
                byField.computeIfAbsent(need.field(), k -> new HashMap<>())
                        .computeIfAbsent(need.literal().text(), k -> new ArrayList<>())
                        .add(new Entry(need.literal().kind(), r));
            }
        }
        always = alwaysList.stream().mapToInt(Integer::intValue).toArray();
        fields = new int[byField.size()];
        automata = new AhoCorasick[byField.size()];
        entries = new Entry[byField.size()][][];
        int i = 0;
        for (Map.Entry<Integer, Map<String, List<Entry>>> f : byField.entrySet()) {
            fields[i] = f.getKey();
            List<String> patterns = new ArrayList<>(f.getValue().keySet());
            automata[i] = new AhoCorasick(patterns);
            entries[i] = new Entry[patterns.size()][];
            for (int p = 0; p < patterns.size(); p++) {
                entries[i][p] = f.getValue().get(patterns.get(p)).toArray(Entry[]::new);
            }
            i++;
        }
    }

    /** Marks in {@code candidate} the rules that may match the event. */
    public void candidates(EventView ev, boolean[] candidate) {
        for (int r : always) {
            candidate[r] = true;
        }
        for (int f = 0; f < fields.length; f++) {
            if (fields[f] == ANY_FIELD) {
                for (String raw : ev.event().fields().values()) {
                    if (raw != null && !automata[f].searchAsciiIgnoreCase(raw, hits(f, raw.length(), candidate))) {
                        String lower = raw.toLowerCase(java.util.Locale.ROOT);
                        automata[f].search(lower, hits(f, lower.length(), candidate));
                    }
                }
                continue;
            }
            String v = ev.lower(fields[f]);
            if (v != null) {
                automata[f].search(v, hits(f, v.length(), candidate));
            }
        }
    }

    private AhoCorasick.Hit hits(int f, int len, boolean[] candidate) {
        Entry[][] e = entries[f];
        AhoCorasick ac = automata[f];
        return (p, end) -> {
                int start = end - ac.length(p);
                for (Entry en : e[p]) {
                    boolean ok = switch (en.kind()) {
                        case CONTAINS -> true;
                        case STARTSWITH -> start == 0;
                        case ENDSWITH -> end == len;
                        case EQUALS -> start == 0 && end == len;
                    };
                    if (ok) {
                        candidate[en.rule()] = true;
                    }
                }
        };
    }

    public int size() {
        return rules;
    }

    /** The literals a node needs (one must hold for it to hold), or null when it cannot say. */
    public static Set<Need> needs(Node n) {
        if (n instanceof FieldNodes.Keywords k) {
            return needs(new FieldNodes.FieldTest(ANY_FIELD, k.tests(), k.all()));
        }
        if (n instanceof FieldNodes.FieldTest f) {
            Set<Need> out = new LinkedHashSet<>();
            ValueTest.Literal longest = null;
            for (ValueTest t : f.tests()) {
                List<ValueTest.Literal> lits = literals(t);
                if (lits == null) {
                    if (!f.all()) {
                        return null;
                    }
                    continue;
                }
                if (f.all()) {
                    if (lits.size() == 1 && (longest == null || lits.get(0).text().length() > longest.text().length())) {
                        longest = lits.get(0);
                    }
                } else {
                    lits.forEach(l -> out.add(new Need(f.field(), l)));
                }
            }
            if (f.all()) {
                return longest == null ? null : Set.of(new Need(f.field(), longest));
            }
            return out;
        }
        if (n instanceof Node.And a) {
            Set<Need> best = null;
            for (Node p : a.parts()) {
                Set<Need> s = needs(p);
                if (s != null && (best == null || score(s) > score(best))) {
                    best = s;
                }
            }
            return best;
        }
        if (n instanceof Node.AtLeast o) {
            Set<Need> all = new LinkedHashSet<>();
            for (Node p : o.parts()) {
                Set<Need> s = needs(p);
                if (s == null) {
                    return null;
                }
                all.addAll(s);
            }
            return all;
        }
        return null;
    }

    /** Higher is more selective: few alternatives, long literals. */
    private static double score(Set<Need> s) {
        int min = Integer.MAX_VALUE;
        for (Need n : s) {
            min = Math.min(min, n.literal().text().length());
        }
        return min == 0 ? -1 : min / (double) s.size() + (s.size() == 1 ? 1 : 0);
    }

    private static List<ValueTest.Literal> literals(ValueTest t) {
        if (t instanceof ValueTest.Literal l) {
            return l.text().isEmpty() ? null : List.of(l);
        }
        if (t instanceof ValueTest.Cased c) {
            // a case-sensitive match is also a case-insensitive one
            String lower = c.text().toLowerCase(java.util.Locale.ROOT);
            return lower.isEmpty() || lower.length() != c.text().length() ? null : List.of(new ValueTest.Literal(c.kind(), lower));
        }
        if (t instanceof ValueTest.Segments g) {
            // the longest segment must occur somewhere
            String longest = "";
            for (String seg : g.segs()) {
                if (seg.length() > longest.length()) {
                    longest = seg;
                }
            }
            String lower = g.cased() ? longest.toLowerCase(java.util.Locale.ROOT) : longest;
            return lower.isEmpty() || lower.length() != longest.length() ? null
                    : List.of(new ValueTest.Literal(ValueTest.Kind.CONTAINS, lower));
        }
        if (t instanceof ValueTest.AnyOf any) {
            List<ValueTest.Literal> out = new ArrayList<>();
            for (ValueTest x : any.tests()) {
                List<ValueTest.Literal> l = literals(x);
                if (l == null) {
                    return null;
                }
                out.addAll(l);
            }
            return out;
        }
        return null;
    }
}
