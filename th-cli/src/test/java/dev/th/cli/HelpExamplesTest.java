package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.store.DuckDbStore;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The examples {@code --help} shows for the question commands, run on the test store (the quick
 * start's samples and IEWIN7's attack chain, see {@link AskStore}) as JSON, each checked against
 * what it promises, counted from the stored events with SQL of their own (the rows' filter,
 * their number, their values), not through TH's query layer. The seed's own example on a machine
 * the samples lack (WIN-DC01) is only checked to be in the help. A new example needs a check here.
 */
class HelpExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WS5 = "(SELECT DISTINCT Muid FROM events WHERE MachineName = 'WORKSTATION5')";
    private static final String CREATE = "Family = 'process' AND Operation = 'create' AND Duplicate IS NOT TRUE";

    /** Each example with what its answer must hold; {@code a} is the JSON answer, {@code r} the run. */
    private static final Map<String, BiConsumer<JsonNode, Run>> CHECKS = new HashMap<>();

    static {
        CHECKS.put("th client default machines", (a, r) ->
                assertEquals(sqlMap("SELECT Muid, count(*) FROM events GROUP BY Muid"), map(a, "Muid", "Events")));
        CHECKS.put("th client default machines --file lsass.exe", (a, r) ->
                assertEquals(sqlSet("SELECT DISTINCT Muid FROM events WHERE lower(ChildFilename) = 'lsass.exe' "
                        + "OR lower(ParentFilename) = 'lsass.exe'"), set(a, "Muid")));
        CHECKS.put("th client default executions --command comsvcs --period all", (a, r) -> {
            assertEquals(sql("SELECT count(*) FROM events WHERE " + CREATE + " AND CommandLine ILIKE '%comsvcs%'"), a.size());
            a.forEach(row -> assertTrue(row.path("CommandLine").asText().toLowerCase().contains("comsvcs"), row::toString));
        });
        CHECKS.put("th client default communications --iptype Public --top 20 --period 30d", (a, r) -> {
            assertEquals(0, a.size(), "the samples are years old: nothing in the last 30 days");
            assertTrue(r.err().contains("nothing in period 30d"), r::toString);
        });
        CHECKS.put("th file rundll32.exe machines", (a, r) ->
                assertEquals(sqlSet("SELECT DISTINCT Muid FROM events WHERE lower(ChildFilename) = 'rundll32.exe' "
                        + "OR lower(ParentFilename) = 'rundll32.exe'"), set(a, "Muid")));
        CHECKS.put("th file rundll32.exe executions --command comsvcs --period all", (a, r) -> {
            assertEquals(sql("SELECT count(*) FROM events WHERE " + CREATE + " AND CommandLine ILIKE '%comsvcs%' "
                    + "AND lower(ChildFilename) = 'rundll32.exe'"), a.size());
            assertTrue(a.size() > 0);
            a.forEach(row -> assertEquals("rundll32.exe", row.path("ChildFilename").asText().toLowerCase()));
        });
        CHECKS.put("th file 'C:\\Windows\\System32\\rundll32.exe' first_seen", (a, r) ->
                assertEquals(sqlText("SELECT strftime(min(DateTime), '%Y-%m-%dT%H:%M:%S') FROM events WHERE "
                        + "lower(ChildPath) = 'c:\\windows\\system32\\rundll32.exe' "
                        + "OR lower(ParentPath) = 'c:\\windows\\system32\\rundll32.exe'"),
                        a.get(0).path("FirstSeen").asText().substring(0, 19)));
        CHECKS.put("th machine WORKSTATION5 communications --direction Outgoing --top 10 --period all --format json", (a, r) -> {
            assertTrue(a.size() > 0 && a.size() <= 10, r::toString);
            a.forEach(row -> assertEquals("Outgoing", row.path("Direction").asText()));
            if (a.size() < 10) {
                long times = 0;
                for (JsonNode row : a) {
                    times += row.path("Times").asLong();
                }
                assertEquals(sql("SELECT count(*) FROM events WHERE Muid IN " + WS5 + " AND Family = 'network' "
                        + "AND Direction = 'Outgoing'"), times, "every outgoing connection, counted once");
            }
        });
        CHECKS.put("th machine WORKSTATION5 registry --operation modify --histogram day:ParentFilename:3 --period all", (a, r) -> {
            assertTrue(a.size() > 0);
            Map<String, Long> expected = sqlMap("SELECT concat(strftime(Date, '%Y-%m-%d'), ' ', ParentFilename), count(*) "
                    + "FROM events WHERE Muid IN " + WS5 + " AND Family = 'registry' AND Operation = 'modify' GROUP BY 1");
            for (JsonNode row : a) {
                String key = row.path("DateTime").asText().substring(0, 10) + " " + row.path("ParentFilename").asText();
                assertEquals(expected.get(key), row.path("Count").asLong(), key);
            }
        });
        CHECKS.put("th machine WORKSTATION5 events --by type --period 2020-10-23", (a, r) -> {
            Map<String, Long> got = new TreeMap<>();
            a.forEach(row -> got.put(row.path("Channel").asText() + " " + row.path("EventId").asInt(), row.path("Events").asLong()));
            assertEquals(sqlMap("SELECT concat(Channel, ' ', EventId), count(*) FROM events WHERE Muid IN " + WS5
                    + " AND Date = DATE '2020-10-23' GROUP BY 1"), got);
        });
        CHECKS.put("th machine WORKSTATION5 first_seen", (a, r) ->
                assertEquals(sqlText("SELECT strftime(min(DateTime), '%Y-%m-%dT%H:%M:%S') FROM events WHERE Muid IN " + WS5),
                        a.get(0).path("FirstSeen").asText().substring(0, 19)));
        CHECKS.put("th machine fs03vuln pipes --named PSEXESVC --operation created --period all", (a, r) -> {
            // the PsExec sample: PSEXESVC.exe created \PSEXESVC and its session's stdin, stdout, stderr (Sysmon 17)
            assertEquals(4, a.size());
            assertEquals(sql("SELECT count(*) FROM events WHERE EventId = 17 AND Channel ILIKE '%sysmon%' "
                    + "AND json_extract_string(Fields, '$.PipeName') ILIKE '%psexesvc%'"), a.size());
            assertEquals(Set.of("PSEXESVC.exe"), set(a, "ParentFilename"));
        });
        CHECKS.put("th machine --ip 10.0.2.15 processes --period all", (a, r) -> {
            // the machine whose own Sysmon 3 events have 10.0.2.15 as their source address
            Set<String> muid = sqlSet("SELECT DISTINCT Muid FROM events WHERE EventId = 3 "
                    + "AND json_extract_string(Fields, '$.SourceIp') = '10.0.2.15'");
            assertEquals(1, muid.size());
            assertEquals(muid, set(a, "Muid"));
            assertEquals(sql("SELECT count(*) FROM events WHERE " + CREATE + " AND Muid = '" + muid.iterator().next() + "'"),
                    a.size());
        });
        CHECKS.put("th process --muid WORKSTATION5 --pid 8972 execution_tree --period all", (a, r) ->
                assertEquals(descendants("8972"), list(a, "ChildFilename")));
        CHECKS.put("th process --muid WORKSTATION5 --pid 4824 --time '2020-10-18 23:50:05' files --period all", (a, r) -> {
            assertEquals(sql("SELECT count(*) FROM events WHERE Muid IN " + WS5 + " AND Family = 'file' AND ParentPid = 4824"),
                    a.size());
            assertTrue(a.size() > 0);
            a.forEach(row -> assertEquals("rundll32.exe", row.path("ParentFilename").asText()));
        });
        CHECKS.put("th process --guid '{39e4a257-8244-5f92-c117-000000000700}' childs --format json", (a, r) ->
                assertEquals(sqlSet("SELECT DISTINCT json_extract_string(Fields, '$.ProcessId') FROM events WHERE EventId = 1 "
                        + "AND json_extract_string(Fields, '$.ParentProcessGuid') = '{39e4a257-8244-5f92-c117-000000000700}'"),
                        set(a, "ChildPid")));
        CHECKS.put("th process --muid WORKSTATION5 --pid 4824 commandlines --ntop 5 --period all", (a, r) ->
                assertEquals(sqlSet("SELECT DISTINCT CommandLine FROM events WHERE Muid IN " + WS5 + " AND " + CREATE
                        + " AND ChildPid = 4824"), set(a, "CommandLine")));
        CHECKS.put("th process --name rundll32.exe --user wardog execution_tree --period all", (a, r) -> {
            assertEquals("rundll32.exe", a.get(0).path("ChildFilename").asText());
            assertTrue(a.get(0).path("LoggedUser").asText().endsWith("\\wardog"), a::toString);
            assertEquals(descendants(a.get(0).path("ChildPid").asText()), list(a, "ChildFilename"));
        });
        CHECKS.put("th user 'OFFSEC\\hack1' machines", (a, r) ->
                assertEquals(sqlMap("SELECT Muid, count(*) FROM events WHERE LoggedUser = 'OFFSEC\\hack1' GROUP BY Muid"),
                        map(a, "Muid", "Events")));
        CHECKS.put("th user hack1 executions --operation create --period all", (a, r) -> {
            assertEquals(sqlSet("SELECT DISTINCT ChildFilename FROM events WHERE " + CREATE + " AND LoggedUser ILIKE '%\\hack1'"),
                    set(a, "ChildFilename"));
            assertEquals(sql("SELECT count(*) FROM events WHERE " + CREATE + " AND LoggedUser ILIKE '%\\hack1'"), a.size());
        });
        CHECKS.put("th user wardog timetable --period all", (a, r) -> {
            Set<String> got = new TreeSet<>();
            a.forEach(row -> got.add(row.path("Weekday").asInt() + " " + row.path("Hour").asInt()));
            assertEquals(sqlSet("SELECT DISTINCT concat(isodow(DateTime), ' ', hour(DateTime)) FROM events "
                    + "WHERE LoggedUser ILIKE '%\\wardog'"), got, "the hours wardog acted in");
        });
    }

    @Test
    void everyExampleAnswersWhatItPromises() {
        int ran = 0;
        for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
            if (!(sub.getCommand() instanceof AskCommand<?> ask)) {
                continue;
            }
            String help = sub.getUsageMessage();
            for (String example : ask.examples()) {
                assertTrue(help.contains(example), example);
                if (example.contains("WIN-DC01")) {
                    continue;
                }
                BiConsumer<JsonNode, Run> check = CHECKS.get(example);
                assertTrue(check != null, "no check for the help example: " + example);
                List<String> args = words(example);
                assertEquals("th", args.remove(0), example);
                if (!args.contains("--format")) {
                    args.add("--format");
                    args.add("json");
                }
                Run r = AskStore.th(args.toArray(new String[0]));
                assertEquals(0, r.exit(), () -> example + "\n" + r);
                JsonNode answer;
                try {
                    answer = JSON.readTree(r.out());
                } catch (IOException e) {
                    throw new AssertionError(example + ": not JSON\n" + r, e);
                }
                assertTrue(answer.isArray(), example);
                try {
                    check.accept(answer, r);
                } catch (AssertionError e) {
                    throw new AssertionError(example + ": " + e.getMessage() + "\n" + r, e);
                }
                ran++;
            }
        }
        assertEquals(CHECKS.size(), ran, "every check's example is in a --help");
    }

    @Test
    void ioaListExamplesAnswerWhatTheyPromise() {
        String help = Main.commandLine().getSubcommands().get("ioa").getSubcommands().get("list")
                .getUsageMessage(CommandLine.Help.Ansi.OFF);
        String byMachine = "th ioa list --machine FS03.offsec.lan --period all";
        String byRule = "th ioa list --rules lsass --status new --format json";
        assertTrue(help.contains(byMachine) && help.contains(byRule), help);

        // the runas sample's three IoAs, checked record by record in the rule pack's README
        JsonNode fs03 = AskStore.json("ioa", "list", "--machine", "FS03.offsec.lan", "--period", "all");
        Set<String> records = new TreeSet<>();
        fs03.forEach(a -> records.add(a.path("eventRef").asText().replaceAll(".*#", "")));
        assertEquals(Set.of("469345", "469346", "469347"), records, fs03::toString);

        JsonNode all = AskStore.json("ioa", "list", "--period", "all");
        List<String> lsass = new ArrayList<>();
        all.forEach(a -> {
            if (a.path("huntingRule").asText().toLowerCase().contains("lsass") && a.path("status").asText().equals("new")) {
                lsass.add(a.path("id").asText());
            }
        });
        assertTrue(lsass.size() >= 5, "the LSASS dump sample's IoAs: " + lsass);
        assertEquals(new TreeSet<>(lsass), set(AskStore.json("ioa", "list", "--rules", "lsass", "--status", "new"), "id"));
    }

    /** The file names of a WORKSTATION5 process (by pid) and its descendants, from the Sysmon 1 events' own fields. */
    private static List<String> descendants(String pid) {
        List<String> out = new ArrayList<>();
        List<String> open = new ArrayList<>(List.of(pid));
        boolean root = true;
        while (!open.isEmpty()) {
            String p = open.remove(0);
            String where = root ? "json_extract_string(Fields, '$.ProcessId') = '" + p + "'"
                    : "json_extract_string(Fields, '$.ParentProcessId') = '" + p + "'";
            try (DuckDbStore store = DuckDbStore.open(AskStore.db()); Statement st = store.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT regexp_extract(json_extract_string(Fields, '$.Image'), '[^\\\\]+$'), "
                            + "json_extract_string(Fields, '$.ProcessId') FROM events WHERE Muid IN " + WS5
                            + " AND Channel = 'Microsoft-Windows-Sysmon/Operational' AND EventId = 1 AND " + where
                            + " ORDER BY DateTime")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                    open.add(rs.getString(2));
                }
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            root = false;
        }
        assertFalse(out.isEmpty(), "no Sysmon 1 of pid " + pid);
        return out;
    }

    private static long sql(String query) {
        return Long.parseLong(sqlText(query));
    }

    private static String sqlText(String query) {
        List<List<String>> rows = rows(query);
        return rows.get(0).get(0);
    }

    private static Set<String> sqlSet(String query) {
        Set<String> out = new TreeSet<>();
        rows(query).forEach(r -> out.add(r.get(0)));
        return out;
    }

    private static Map<String, Long> sqlMap(String query) {
        Map<String, Long> out = new TreeMap<>();
        rows(query).forEach(r -> out.put(r.get(0), Long.parseLong(r.get(1))));
        return out;
    }

    private static List<List<String>> rows(String query) {
        try (DuckDbStore store = DuckDbStore.open(AskStore.db()); Statement st = store.connection().createStatement();
                ResultSet rs = st.executeQuery(query)) {
            List<List<String>> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError(query, e);
        }
    }

    private static Set<String> set(JsonNode a, String column) {
        Set<String> out = new TreeSet<>();
        a.forEach(row -> out.add(row.path(column).asText()));
        return out;
    }

    private static List<String> list(JsonNode a, String column) {
        List<String> out = new ArrayList<>();
        a.forEach(row -> out.add(row.path(column).asText()));
        return out;
    }

    private static Map<String, Long> map(JsonNode a, String key, String value) {
        Map<String, Long> out = new TreeMap<>();
        a.forEach(row -> out.put(row.path(key).asText(), row.path(value).asLong()));
        return out;
    }

    /** Splits a command line on spaces, keeping 'single-quoted' words whole. */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    out.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(w.toString());
        }
        return out;
    }
}
