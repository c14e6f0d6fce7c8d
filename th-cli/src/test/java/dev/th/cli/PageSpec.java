package dev.th.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the data block of a page TH wrote (its {@code th-spec} JSON), as any JSON reader would. */
final class PageSpec {
    private static final String START = "<script type=\"application/json\" id=\"th-spec\">";

    private PageSpec() {
    }

    static JsonNode of(Path html) throws IOException {
        String s = Files.readString(html);
        int a = s.indexOf(START);
        if (a < 0) {
            throw new AssertionError("no th-spec block in " + html);
        }
        int b = s.indexOf("</script>", a);
        return new ObjectMapper().readTree(s.substring(a + START.length(), b));
    }

    /** The part whose title starts with {@code title}. */
    static JsonNode part(JsonNode spec, String title) {
        for (JsonNode s : spec.get("sections")) {
            if (s.get("title").asText().startsWith(title)) {
                return s;
            }
        }
        throw new AssertionError("no part " + title + " in " + spec.get("sections").findValuesAsText("title"));
    }
}
