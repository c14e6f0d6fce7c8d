package dev.th.query;

import java.util.List;

/** SQL text with {@code ?} placeholders and the values bound to them, in order. */
public record Sql(String text, List<Object> params) {
    public Sql {
        params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
    }
}
