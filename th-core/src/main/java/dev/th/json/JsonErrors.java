package dev.th.json;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Jackson's parse errors in words for a report: without its note about a redacted source. */
final class JsonErrors {
    private JsonErrors() {
    }

    static String describe(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        return m == null ? e.getClass().getSimpleName()
                : m.replaceAll("\\[Source: [^;\\]]*; ", "[").replace("\n", " ").strip();
    }
}
