package dev.th.hunt.ioa;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ATT&CK technique names by id (ATT&CK v18.1, shipped as a resource beside its licence:
 * © The MITRE Corporation). Turns a Sigma rule's tags into the IoA's {@code mitre} text.
 * Loaded once per process and shared read-only.
 */
public final class MitreCatalog {
    private static final String RESOURCE = "attack-techniques.tsv";
    private static final Pattern TECHNIQUE_TAG = Pattern.compile("attack\\.(t\\d{4}(\\.\\d{3})?)", Pattern.CASE_INSENSITIVE);
    private static volatile MitreCatalog shared;

    private final Map<String, String> names;

    private MitreCatalog(Map<String, String> names) {
        this.names = Collections.unmodifiableMap(names);
    }

    /** The catalog shipped with TH. */
    public static MitreCatalog shared() {
        MitreCatalog c = shared;
        if (c == null) {
            synchronized (MitreCatalog.class) {
                if (shared == null) {
                    shared = load();
                }
                c = shared;
            }
        }
        return c;
    }

    private static MitreCatalog load() {
        Map<String, String> names = new HashMap<>();
        try (InputStream in = MitreCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource dev/th/hunt/ioa/" + RESOURCE + " is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = r.readLine(); // header
            while ((line = r.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    int end = line.indexOf('\t', tab + 1);
                    names.put(line.substring(0, tab).toUpperCase(Locale.ROOT), line.substring(tab + 1, end < 0 ? line.length() : end));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MitreCatalog(names);
    }

    /** How many techniques the catalog knows. */
    public int size() {
        return names.size();
    }

    /** The technique's name, or null when the id is unknown here (e.g. newer than ATT&CK v18.1). */
    public String name(String techniqueId) {
        return names.get(techniqueId.toUpperCase(Locale.ROOT));
    }

    /** Technique ids (upper case, e.g. {@code T1059.001}) named by the tags, in tag order, once each. */
    public static List<String> techniqueIds(List<String> tags) {
        Set<String> ids = new LinkedHashSet<>();
        if (tags != null) {
            for (String tag : tags) {
                if (tag != null && TECHNIQUE_TAG.matcher(tag.trim()).matches()) {
                    ids.add(tag.trim().substring("attack.".length()).toUpperCase(Locale.ROOT));
                }
            }
        }
        return new ArrayList<>(ids);
    }

    /**
     * The {@code mitre} text of an IoA: each technique tag as {@code "T1059.001 PowerShell"},
     * joined by {@code "; "}; an id the catalog does not know is kept alone. Empty when the tags
     * name no technique (tactic tags such as {@code attack.execution} are not techniques).
     */
    public String describe(List<String> tags) {
        StringBuilder sb = new StringBuilder();
        for (String id : techniqueIds(tags)) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(id);
            String name = name(id);
            if (name != null) {
                sb.append(' ').append(name);
            }
        }
        return sb.toString();
    }
}
