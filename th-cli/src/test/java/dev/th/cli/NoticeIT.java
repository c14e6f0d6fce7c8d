package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.geo.GeoInstall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * NOTICE against what this build really packaged (th-cli/target): every jar of lib/, lib/duckdb/
 * and lib/spark/ has its line, and that line's licence is the one the build's SBOM
 * (target/bom.json, CycloneDX) gives the library; every licence file and asset inside TH's own
 * jars (the public lists, ATT&amp;CK, ECharts and its world map at the versions th-views/npm pins),
 * the GeoIP packages {@code th geoip install} fetches and the samples' licences are named. And
 * every version is set once, in the parent POM: no module's POM writes one.
 */
class NoticeIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path TARGET = REPO.resolve("th-cli/target");
    private static final Pattern JAR_LINE = Pattern.compile("^- (\\S+\\.jar) \\(([^)]+)\\): (.+)$");

    private static String notice() throws IOException {
        return Files.readString(REPO.resolve("NOTICE"));
    }

    /** The jar lines of NOTICE: file name to licence. */
    private static Map<String, String> jarLines(String notice) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : notice.split("\n")) {
            Matcher m = JAR_LINE.matcher(line.strip().startsWith("- ") ? line.strip() : "");
            if (m.matches()) {
                out.put(m.group(1), m.group(3).strip());
            }
        }
        return out;
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    @Test
    void everyPackagedJarIsInNoticeWithTheSbomsLicence() throws Exception {
        Map<String, String> lines = jarLines(notice());
        Map<String, String> sbom = sbomLicences();
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int seen = 0;
        for (String sub : List.of("lib", "lib/duckdb", "lib/spark")) {
            for (Path jar : jars(TARGET.resolve(sub))) {
                String name = jar.getFileName().toString();
                seen++;
                if (name.startsWith("th-")) {
                    assertTrue(notice().contains(name.replaceAll("-\\d.*", "")), "TH's own " + name + " is named");
                    continue;
                }
                String given = lines.get(name);
                if (given == null) {
                    missing.add(sub + "/" + name);
                    continue;
                }
                String key = name.replace("-nolib", "");
                String expected = sbom.get(key);
                if (expected != null && !given.toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT))) {
                    wrong.add(name + ": NOTICE says '" + given + "', the SBOM '" + expected + "'");
                }
            }
        }
        assertTrue(seen > 200, "jars packaged: " + seen);
        assertEquals(List.of(), missing, "packaged but not in NOTICE");
        assertEquals(List.of(), wrong, "licences NOTICE and the SBOM disagree on");
    }

    /** jar file name (artifactId-version[-classifier].jar) to the first licence id or name the SBOM gives. */
    private static Map<String, String> sbomLicences() throws IOException {
        Path bom = TARGET.resolve("bom.json");
        assertTrue(Files.exists(bom), "the build writes the SBOM " + bom);
        JsonNode doc = new ObjectMapper().readTree(bom.toFile());
        assertEquals("CycloneDX", doc.path("bomFormat").asText());
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode c : doc.path("components")) {
            String file = c.path("name").asText() + "-" + c.path("version").asText() + ".jar";
            JsonNode l = c.path("licenses").path(0);
            String id = l.path("license").path("id").asText(l.path("license").path("name").asText(l.path("expression").asText("")));
            if (!id.isEmpty()) {
                out.put(file, id);
            }
        }
        assertTrue(out.size() > 200, "the SBOM's components with a licence: " + out.size());
        return out;
    }

    @Test
    void everyLicenceFileAndAssetInTHsJarsIsNamed() throws Exception {
        String notice = notice();
        List<String> missing = new ArrayList<>();
        for (Path jar : jars(TARGET.resolve("lib"))) {
            if (!jar.getFileName().toString().startsWith("th-")) {
                continue;
            }
            try (ZipFile z = new ZipFile(jar.toFile())) {
                for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements();) {
                    String n = e.nextElement().getName();
                    String file = n.substring(n.lastIndexOf('/') + 1);
                    if (file.contains("LICENSE") && !notice.contains(file) && !n.contains("/assets/")) {
                        missing.add(jar.getFileName() + "!" + n);
                    }
                    Matcher asset = Pattern.compile("dev/th/views/assets/([^/]+)/$").matcher(n);
                    if (asset.find() && !notice.contains("assets/" + asset.group(1))) {
                        missing.add(jar.getFileName() + "!" + n);
                    }
                }
            }
        }
        JsonNode npm = new ObjectMapper().readTree(REPO.resolve("th-views/npm/package.json").toFile()).path("dependencies");
        npm.fields().forEachRemaining(d -> {
            String v = d.getValue().asText().replaceAll("^npm:[^@]+@", "");
            if (!notice.contains(d.getKey()) || !notice.contains(v)) {
                missing.add("th-views/npm " + d.getKey() + " " + v);
            }
        });
        for (String p : List.of(GeoInstall.CITY_PACKAGE + "@" + GeoInstall.CITY_VERSION, GeoInstall.ASN_PACKAGE + "@" + GeoInstall.ASN_VERSION)) {
            if (!notice.contains(p)) {
                missing.add("th geoip install: " + p);
            }
        }
        try (Stream<Path> s = Files.list(REPO.resolve("samples/licenses"))) {
            s.map(p -> p.getFileName().toString()).filter(f -> !notice.contains(f)).forEach(f -> missing.add("samples/licenses/" + f));
        }
        assertEquals(List.of(), missing, "shipped but not named in NOTICE");
    }

    @Test
    void versionsAreSetOnceInTheParentPom() throws Exception {
        List<String> written = new ArrayList<>();
        try (Stream<Path> s = Files.list(REPO)) {
            for (Path m : s.filter(p -> Files.exists(p.resolve("pom.xml")) && !p.equals(REPO)).toList()) {
                String pom = Files.readString(m.resolve("pom.xml")).replaceAll("(?s)<parent>.*?</parent>", "");
                Matcher v = Pattern.compile("<version>([^<]*)</version>").matcher(pom);
                while (v.find()) {
                    if (!v.group(1).matches("\\$\\{[\\w.-]+\\}")) {
                        written.add(m.getFileName() + ": " + v.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), written, "versions written in a module's POM instead of the parent's properties");
    }
}
