package dev.th.export;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The mapping of TH's columns to ECS fields, per family of answer, read once from the resource
 * {@code ecs-fields.tsv} (mappings are data).
 */
final class EcsFields {
    /** Where one column goes. */
    record Field(String path, String transform) {
    }

    private static volatile EcsFields shared;
    private final Map<String, Field> byKey;

    private EcsFields(Map<String, Field> byKey) {
        this.byKey = byKey;
    }

    static EcsFields shared() {
        EcsFields f = shared;
        if (f == null) {
            synchronized (EcsFields.class) {
                if (shared == null) {
                    shared = load();
                }
                f = shared;
            }
        }
        return f;
    }

    /** Where {@code column} of an answer of {@code family} goes, or null (then: th.COLUMN). */
    Field field(String family, String column) {
        Field f = byKey.get(family + "\t" + column);
        return f != null ? f : byKey.get("*\t" + column);
    }

    private static EcsFields load() {
        Map<String, Field> map = new HashMap<>();
        try (InputStream in = EcsFields.class.getResourceAsStream("ecs-fields.tsv")) {
            if (in == null) {
                throw new IllegalStateException("resource dev/th/export/ecs-fields.tsv is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] p = line.split("\t", -1);
                map.put(p[0] + "\t" + p[1], new Field(p[2], p.length > 3 ? p[3] : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EcsFields(map);
    }
}
