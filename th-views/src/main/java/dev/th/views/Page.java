package dev.th.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One self-contained HTML page of sections: the chart library, the world geometry (only when a
 * map is on the page), TH's script and style are inlined, so the file opens with no network.
 * The data sits in a JSON block that is never executed; a Content-Security-Policy allows only
 * the page's own inline script and style (by their SHA-256) and nothing from elsewhere, so a
 * value that slipped past escaping still could not run.
 */
public final class Page {
    private final String title;
    private final List<String> meta = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    public Page(String title) {
        this.title = title;
    }

    /** Adds a line under the title (e.g. the store, the period, when it was made). */
    public Page meta(String line) {
        meta.add(line);
        return this;
    }

    public Page add(Section s) {
        sections.add(s);
        return this;
    }

    public String title() {
        return title;
    }

    public List<Section> sections() {
        return List.copyOf(sections);
    }

    /** The page's data: title, meta lines and the sections with their ids (sec-1, sec-2, ...). */
    public ObjectNode spec() {
        ObjectNode s = Json.object();
        s.put("title", title);
        s.set("meta", Json.strings(meta));
        ArrayNode a = s.putArray("sections");
        for (int i = 0; i < sections.size(); i++) {
            a.add(sections.get(i).spec(id(i)));
        }
        return s;
    }

    private static String id(int i) {
        return "sec-" + (i + 1);
    }

    /** The whole page. */
    public String html() {
        boolean world = sections.stream().anyMatch(Section::needsWorld);
        String echarts = Assets.get(Assets.ECHARTS);
        String script = Assets.get(Assets.SCRIPT);
        String style = Assets.get(Assets.STYLE);
        StringBuilder h = new StringBuilder(echarts.length() + script.length() + 4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(csp(List.of(echarts, script), style))
                .append("\">\n");
        h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.append("<title>").append(Html.escape(title)).append("</title>\n");
        h.append("<style>").append(style).append("</style>\n</head>\n<body>\n<header>\n<h1>")
                .append(Html.escape(title)).append("</h1>\n");
        for (String m : meta) {
            h.append("<p class=\"meta\">").append(Html.escape(m)).append("</p>\n");
        }
        h.append("</header>\n<main>\n");
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            h.append("<section class=\"part part-").append(Html.escape(s.kind())).append("\">\n<h2>")
                    .append(Html.escape(s.title())).append("</h2>\n");
            if (s.note() != null) {
                h.append("<p class=\"note\">").append(Html.escape(s.note())).append("</p>\n");
            }
            h.append("<div id=\"").append(id(i)).append("\" class=\"")
                    .append(s.isChart() ? "chart chart-" + Html.escape(s.kind()) : "table").append("\"></div>\n</section>\n");
        }
        h.append("</main>\n");
        h.append("<script type=\"application/json\" id=\"th-spec\">").append(Json.forScript(spec())).append("</script>\n");
        if (world) {
            h.append("<script type=\"application/json\" id=\"th-world\">").append(Assets.get(Assets.WORLD)).append("</script>\n");
        }
        h.append("<script>").append(echarts).append("</script>\n");
        h.append("<script>").append(script).append("</script>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** Writes the page to {@code file}, making its folder; returns the file. */
    public Path save(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(file, html(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String csp(List<String> scripts, String style) {
        StringBuilder s = new StringBuilder("default-src 'none'; script-src");
        for (String js : scripts) {
            s.append(" 'sha256-").append(sha256(js)).append('\'');
        }
        s.append("; style-src 'sha256-").append(sha256(style)).append("'; img-src data:; base-uri 'none'; form-action 'none'");
        return s.toString();
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
