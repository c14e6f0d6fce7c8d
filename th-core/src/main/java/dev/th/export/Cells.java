package dev.th.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * How one value of an answer is written by every export: times in full ISO-8601 UTC with
 * {@code Z}, numbers and booleans as such in JSON, the IoA's {@code details} (a JSON document)
 * nested as an object in JSON.
 */
public final class Cells {
    /** The IoA column that holds a JSON document. */
    public static final String NESTED_JSON = "details";

    /** Jackson's mapper for the exports. */
    static ObjectMapper mapper() {
        return Json.MAPPER;
    }

    /** Jackson's mapper, made on first use (a table never needs it: start-up time). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    private Cells() {
    }

    /** The value as text: empty for null, times in ISO-8601 UTC ({@code 2020-10-23T12:00:01.5Z}). */
    public static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof LocalDateTime t) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t) + "Z";
        }
        if (v instanceof TemporalAccessor) {
            return v.toString();
        }
        return v.toString();
    }

    /** Whether the value is a point in time (not a bare date). */
    static boolean isTime(Object v) {
        return v instanceof LocalDateTime || v instanceof Instant;
    }

    /** The value as an instant (a {@link LocalDateTime} is UTC; a date is its midnight), or null. */
    static Instant instant(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return null;
    }

    /** Writes {@code v}, the value of column {@code name}, as a JSON value. */
    public static void json(JsonGenerator g, String name, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Number || v instanceof Boolean) {
            g.writeObject(v);
        } else if (NESTED_JSON.equals(name) && v instanceof String s && s.startsWith("{")) {
            g.writeTree(mapper().readTree(s));
        } else {
            g.writeString(text(v));
        }
    }
}
