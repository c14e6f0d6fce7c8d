package dev.th.normalize;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a row's file came from, as far as the one event tells (docs/attributes.md): External and
 * LanShared with their reason in AttrEvidence. External: a Zone.Identifier stream (Sysmon 15) with
 * ZoneId 3 or more (its HostUrl and ReferrerUrl kept), or a file written by a browser, a mail
 * client, a download tool or a messenger ({@code kinds/writers.tsv}). LanShared: a UNC path, or a
 * write through a share (Security 5145) with the address it came from. What needs other events
 * (later rows of the same file, files the System process wrote for a remote address) is done by
 * the store (th-duckdb, {@code dev.th.store.link.Provenances}). The rows it can give a value are
 * Sysmon 15 and Security 5145 events, rows with a child or actor path starting with a backslash
 * (every UNC form does) and file rows whose actor is one of {@link #writerNames()}: the in-place
 * enrichment of a store (th-duckdb's {@code AttributeFill}) makes only those again. Immutable
 * and thread-safe.
 */
final class Provenance {
    private static final String STREAM = ":Zone.Identifier";
    private static final Map<String, String> WRITERS = writers();

    private Provenance() {
    }

    /** The writers of {@code writers.tsv}, lower case. */
    static java.util.Set<String> writerNames() {
        return WRITERS.keySet();
    }

    /** Sysmon 15: External from the ZoneId of a Zone.Identifier stream whose content is logged. */
    static void zone(RawEvent event, CanonicalEvent row) {
        String file = event.field("TargetFilename");
        String contents = event.field("Contents");
        if (file == null || Values.absent(contents) || !endsWithIgnoreCase(file, STREAM)) {
            return;
        }
        String zone = entry(contents, "ZoneId");
        if (zone == null || !zone.matches("[0-9]{1,4}")) {
            return;
        }
        boolean external = Integer.parseInt(zone) >= 3;
        row.set(Column.External, external);
        if (external) {
            StringBuilder why = new StringBuilder("Zone.Identifier ZoneId=").append(zone);
            for (String key : new String[] {"HostUrl", "ReferrerUrl"}) {
                String v = entry(contents, key);
                if (v != null) {
                    why.append(' ').append(key).append('=').append(v);
                }
            }
            evidence(row, "External", why.toString());
        }
    }

    /** The row-level rules that follow the mapping: writers of outside files, UNC paths, share writes. */
    static void apply(RawEvent event, CanonicalEvent row) {
        String family = row.text(Column.Family);
        String op = row.text(Column.Operation);
        if ("file".equals(family) && row.get(Column.External) == null && isWrite(op)) {
            String writer = row.text(Column.ParentFilename);
            String category = writer == null ? null : WRITERS.get(writer.toLowerCase(Locale.ROOT));
            if (category != null && !ownState(row.text(Column.ChildPath))) {
                row.set(Column.External, true);
                evidence(row, "External", "written by " + writer + " (" + category + ")");
            }
        }
        String path = row.text(Column.ChildPath);
        if (path == null && row.get(Column.ChildFilename) == null) {
            path = row.text(Column.ParentPath); // a row without a child file is about its actor's file
        }
        if (isUnc(path) && event.eventId() != 5145) { // a 5145's \\*\SHARE names the local share
            row.set(Column.LanShared, true);
            evidence(row, "LanShared", "UNC path");
        } else if (event.eventId() == 5145 && "file".equals(family) && "modify".equals(op)) {
            String share = event.field("ShareName");
            String ip = row.text(Column.RemoteIp);
            row.set(Column.LanShared, true);
            evidence(row, "LanShared", "share write (5145)" + (Values.absent(share) ? "" : " on " + share.trim())
                    + (ip == null ? "" : " from " + ip));
        }
    }

    /**
     * A file of a program's own state under a user's AppData (a browser's profile, a mail client's
     * store), which is not content from outside; the temporary folder and the caches where
     * downloads and attachments land ({@code INetCache}, {@code Content.Outlook}, certutil's
     * {@code CryptnetUrlCache}) are not state.
     */
    static boolean ownState(String path) {
        if (path == null) {
            return false;
        }
        String p = path.toLowerCase(Locale.ROOT);
        return p.contains("\\appdata\\") && !p.contains("\\appdata\\local\\temp\\") && !p.contains("\\inetcache\\")
                && !p.contains("\\content.outlook\\")
                && !p.contains("\\cryptneturlcache\\");
    }

    /** The operations that write a file's content. */
    static boolean isWrite(String op) {
        return "create".equals(op) || "script".equals(op) || "modify".equals(op) || "stream".equals(op) || "rename".equals(op);
    }

    /**
     * A path on another machine: {@code \\server\share\...}, {@code \\?\UNC\server\...} or the
     * kernel's {@code \Device\Mup\server\...}; not the local device paths {@code \\?\C:\} and {@code \\.\}.
     */
    static boolean isUnc(String path) {
        if (path == null || path.length() < 3) {
            return false;
        }
        if (path.regionMatches(true, 0, "\\\\?\\UNC\\", 0, 8) || path.regionMatches(true, 0, "\\Device\\Mup\\", 0, 12)) {
            return true;
        }
        return path.startsWith("\\\\") && path.charAt(2) != '?' && path.charAt(2) != '.' && path.charAt(2) != '\\';
    }

    /** Appends {@code "attribute: reason"} to the row's AttrEvidence. */
    private static void evidence(CanonicalEvent row, String attribute, String reason) {
        String old = row.text(Column.AttrEvidence);
        String e = attribute + ": " + reason;
        row.set(Column.AttrEvidence, old == null ? e : old + "; " + e);
    }

    /** The value of {@code key=value} in a Zone.Identifier's text (entries separated by spaces or line breaks). */
    private static String entry(String contents, String key) {
        String lower = contents.toLowerCase(Locale.ROOT);
        String k = key.toLowerCase(Locale.ROOT) + "=";
        int at = lower.indexOf(k);
        while (at > 0 && !Character.isWhitespace(lower.charAt(at - 1)) && lower.charAt(at - 1) != ']') {
            at = lower.indexOf(k, at + 1);
        }
        if (at < 0) {
            return null;
        }
        int from = at + k.length();
        int to = from;
        while (to < contents.length() && !Character.isWhitespace(contents.charAt(to))) {
            to++;
        }
        return to == from ? null : contents.substring(from, to);
    }

    private static boolean endsWithIgnoreCase(String s, String end) {
        int at = s.length() - end.length();
        return at >= 0 && s.regionMatches(true, at, end, 0, end.length());
    }

    private static Map<String, String> writers() {
        Map<String, String> m = new HashMap<>();
        for (String[] r : KindTable.rows("writers.tsv", 2)) {
            m.put(r[0].trim().toLowerCase(Locale.ROOT), r[1].trim());
        }
        return Map.copyOf(m);
    }
}
