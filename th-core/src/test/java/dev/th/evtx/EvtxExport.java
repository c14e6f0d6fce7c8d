package dev.th.evtx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Test helper: two independent readers, libyal's {@code evtxexport -f xml} (Debian's
 * libevtx-utils) and python-evtx's {@code evtx_dump.py} (Debian's python3-evtx), and the records
 * they print as XML, each flattened to what a test compares: the System
 * values ({@code EventID}, {@code Computer}, {@code Channel}, {@code Provider_Name},
 * {@code TimeCreated}, {@code EventRecordID}) and every {@code <Data Name="X">} as {@code X}.
 * Skipped with a message when it is not installed; a failure in CI.
 */
public final class EvtxExport {
    private static final Path TOOL = Path.of("/usr/bin/evtxexport");
    private static final Path PYTHON_EVTX = Path.of("/usr/bin/evtx_dump.py");

    /** What evtxexport printed for one file: its records, its exit code and its error output. */
    public record Result(List<Map<String, String>> records, int exitCode, String errors) {
    }

    private EvtxExport() {
    }

    public static void require() {
        require(TOOL, "evtxexport (Debian package libevtx-utils) is not installed");
    }

    /** Skips (fails in CI) without python-evtx's evtx_dump.py. */
    public static void requirePythonEvtx() {
        require(PYTHON_EVTX, "evtx_dump.py (Debian package python3-evtx) is not installed");
    }

    private static void require(Path tool, String why) {
        if (System.getenv("CI") != null && !Files.isExecutable(tool)) {
            throw new IllegalStateException(why + " (CI is set: .ci/run installs it)");
        }
        Assumptions.assumeTrue(Files.isExecutable(tool), why);
    }

    public static Result export(Path file) throws IOException, InterruptedException, javax.xml.parsers.ParserConfigurationException {
        return run(List.of(TOOL.toString(), "-f", "xml", file.toString()), file);
    }

    /** python-evtx's {@code evtx_dump.py}; its TimeCreated is {@code yyyy-MM-dd HH:mm:ss.ffffff} (see {@link #instant}). */
    public static Result pythonEvtx(Path file) throws IOException, InterruptedException,
            javax.xml.parsers.ParserConfigurationException {
        return run(List.of(PYTHON_EVTX.toString(), file.toString()), file);
    }

    /** A TimeCreated as either reader prints it. */
    public static java.time.Instant instant(String systemTime) {
        String s = systemTime.replace(' ', 'T');
        return java.time.Instant.parse(s.endsWith("Z") ? s : s + "Z");
    }

    private static Result run(List<String> command, Path file) throws IOException, InterruptedException,
            javax.xml.parsers.ParserConfigurationException {
        Path err = Files.createTempFile("evtxexport", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish on " + file);
            }
            return new Result(parse(out), p.exitValue(), Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static List<Map<String, String>> parse(String out) throws javax.xml.parsers.ParserConfigurationException {
        DocumentBuilder db = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        List<Map<String, String>> records = new ArrayList<>();
        int at = out.indexOf("<Event ");
        while (at >= 0) {
            int end = out.indexOf("</Event>", at);
            String xml = out.substring(at, end + "</Event>".length());
            Map<String, String> r = new LinkedHashMap<>();
            try {
                Element ev = db.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
                Element sys = child(ev, "System");
                r.put("EventID", text(child(sys, "EventID")));
                r.put("Computer", text(child(sys, "Computer")));
                r.put("Channel", text(child(sys, "Channel")));
                r.put("EventRecordID", text(child(sys, "EventRecordID")));
                r.put("Provider_Name", child(sys, "Provider").getAttribute("Name"));
                r.put("TimeCreated", child(sys, "TimeCreated").getAttribute("SystemTime"));
                Element data = child(ev, "EventData");
                if (data != null) {
                    NodeList d = data.getElementsByTagName("Data");
                    for (int i = 0; i < d.getLength(); i++) {
                        Element e = (Element) d.item(i);
                        r.put(e.getAttribute("Name"), e.getTextContent());
                    }
                }
            } catch (org.xml.sax.SAXException | IOException e) {
                r.put("xml-error", e.getMessage() + " in " + xml);
            }
            records.add(r);
            at = out.indexOf("<Event ", end);
        }
        return records;
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent();
    }
}
