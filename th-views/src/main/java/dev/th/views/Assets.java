package dev.th.views;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files a page inlines, read once from the jar: Apache ECharts and the world geometry
 * (fetched by npm at build time, see th-views/npm/package.json), and TH's own script and style.
 */
final class Assets {
    static final String ECHARTS = "assets/echarts/dist/echarts.min.js";
    static final String WORLD = "assets/world/map/json/world.json";
    static final String SCRIPT = "th-views.js";
    static final String STYLE = "th-views.css";

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Assets() {
    }

    static String get(String name) {
        return CACHE.computeIfAbsent(name, Assets::read);
    }

    private static String read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("th-views: " + name + " is missing from the jar (build th-views with Maven, which fetches it with npm)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
