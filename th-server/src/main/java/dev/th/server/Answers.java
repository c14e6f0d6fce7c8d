package dev.th.server;

import dev.th.Hits;
import dev.th.Machine;
import dev.th.Prevalence;
import dev.th.Row;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;

/**
 * What the object model answers, as JSON: lists as pages ({@code total, offset, limit, rows},
 * with {@code note} when the model says why a list is empty), one object as itself. Values are
 * strings, numbers, booleans or null (times in ISO-8601).
 */
final class Answers {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private Answers() {
    }

    /**
     * A whole answer sent as its rows are read ({@code format=jsonl} or {@code csv}): JSON lines
     * or CSV (formulas neutralized), never cached; a failure after the first bytes (the time
     * limit, the store) aborts the response, so a cut answer never ends like a whole one.
     */
    record Streamed(dev.th.Ask<?, ?> question, dev.th.export.ExportFormat format) {
        static Streamed of(dev.th.Ask<?, ?> question, String format) {
            dev.th.export.ExportFormat f = dev.th.export.ExportFormat.of(format);
            if (f != dev.th.export.ExportFormat.JSONL && f != dev.th.export.ExportFormat.CSV) {
                throw Problem.badRequest("format must be jsonl or csv, not '" + (format.length() > 40 ? format.substring(0, 40) + "..." : format) + "'");
            }
            return new Streamed(question, f);
        }

        void send(Context ctx) throws java.io.IOException {
            ctx.status(200).contentType(format == dev.th.export.ExportFormat.CSV ? "text/csv; charset=utf-8"
                    : "application/x-ndjson; charset=utf-8");
            java.io.Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(ctx.res().getOutputStream(),
                    java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
            try (java.util.stream.Stream<? extends Row> rows = question.stream()) {
                dev.th.export.Streamed.write(format.writer(), question.columns(), rows.iterator(), out);
            }
            out.flush();
        }
    }

    /** Answers {@code ctx} with {@code answer}: a page for a list, the value otherwise. */
    static void send(Context ctx, Object answer) throws java.io.IOException {
        if (answer instanceof Streamed s) {
            s.send(ctx);
        } else if (answer instanceof Hits<?> h && h.isPage()) {
            paged(ctx, rows(h), h.total(), h.emptyBecause().orElse(h.note().orElse(null)));
        } else if (answer instanceof Hits<?> h) {
            page(ctx, rows(h), h.emptyBecause().orElse(h.note().orElse(null)));
        } else if (answer instanceof DataFrame df) {
            page(ctx, rows(df), null);
        } else if (answer instanceof Machine m) {
            ctx.json(machine(m));
        } else if (answer instanceof Prevalence p) {
            ctx.json(plain(p.toMap()));
        } else if (answer instanceof Machine.OsInfo os) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Name", os.name());
            m.put("Version", os.version());
            m.put("Build", os.build());
            m.put("Evidence", os.evidence());
            ctx.json(m);
        } else if (answer instanceof Map<?, ?> map) {
            ctx.json(map);
        } else {
            ctx.json(Map.of("value", String.valueOf(answer)));
        }
    }

    static Map<String, Object> machine(Machine m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Muid", m.muid());
        r.put("MachineName", m.name());
        r.put("ClientId", m.clientId());
        r.put("FirstSeen", String.valueOf(m.firstSeen()));
        r.put("LastSeen", String.valueOf(m.lastSeen()));
        r.put("Events", m.eventCount());
        return r;
    }

    static List<Map<String, Object>> rows(Hits<? extends Row> h) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : h) {
            out.add(plain(r.toMap()));
        }
        return out;
    }

    static List<Map<String, Object>> rows(DataFrame df) {
        String[] names = df.getColumnsIndex().toArray();
        List<Map<String, Object>> out = new ArrayList<>(df.height());
        for (int r = 0; r < df.height(); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < names.length; c++) {
                row.put(names[c], value(df.getColumn(c).get(r)));
            }
            out.add(row);
        }
        return out;
    }

    static Map<String, Object> plain(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static Object value(Object v) {
        return v == null || v instanceof Number || v instanceof Boolean || v instanceof String ? v : v.toString();
    }

    static void page(Context ctx, List<Map<String, Object>> rows) {
        page(ctx, rows, null);
    }

    /** A page of {@code rows} as {@code offset} and {@code limit} ask; {@code note} says why a list is empty. */
    static void page(Context ctx, List<Map<String, Object>> rows, String note) {
        int offset = intParam(ctx, "offset", 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        int from = (int) Math.min(rows.size(), (long) offset);
        int to = (int) Math.min(rows.size(), (long) from + limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", rows.size());
        body.put("offset", offset);
        body.put("limit", limit);
        if (rows.isEmpty() && note != null) {
            body.put("note", note);
        }
        body.put("rows", rows.subList(from, to));
        ctx.json(body);
    }

    /** {@code rows}: the page {@code offset} and {@code limit} ask of an answer of {@code total} rows, cut by the engine. */
    static void paged(Context ctx, List<Map<String, Object>> rows, long total, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", total);
        body.put("offset", intParam(ctx, "offset", 0, Integer.MAX_VALUE));
        body.put("limit", intParam(ctx, "limit", DEFAULT_LIMIT, MAX_LIMIT));
        if (total == 0 && note != null) {
            body.put("note", note);
        }
        body.put("rows", rows);
        ctx.json(body);
    }

    static int intParam(Context ctx, String name, int dflt, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return dflt;
        }
        int n = number(name, v);
        if (n > max) {
            throw Problem.badRequest(name + " must be between 0 and " + max + ", not " + n);
        }
        return n;
    }

    /** A whole number 0 or more given as {@code name}; a problem saying so otherwise. */
    static int number(String name, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw Problem.badRequest(name + " must be 0 or more, not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw Problem.badRequest(name + " must be a whole number 0 or more, not '" + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "'");
        }
    }
}
