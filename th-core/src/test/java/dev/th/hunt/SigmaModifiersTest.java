package dev.th.hunt;

import static dev.th.hunt.TestRules.fires;
import static dev.th.hunt.TestRules.procRule;
import static dev.th.hunt.TestRules.sysmon1;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** One focused test per value modifier, on hand-made events. */
class SigmaModifiersTest {

    static String sel(String item) {
        return "    selection:\n        " + item + "\n    condition: selection";
    }

    static boolean cmd(String item, String commandLine) {
        return fires(procRule(sel(item)), sysmon1("CommandLine", commandLine, "Image", "C:\\Windows\\System32\\cmd.exe"));
    }

    @Test
    void plainValueIsWholeValueCaseInsensitive() {
        assertTrue(cmd("CommandLine: 'WHOAMI /ALL'", "whoami /all"));
        assertFalse(cmd("CommandLine: 'whoami'", "whoami /all"));
    }

    @Test
    void containsStartswithEndswith() {
        assertTrue(cmd("CommandLine|contains: 'AMI /a'", "whoami /all"));
        assertFalse(cmd("CommandLine|contains: 'xyz'", "whoami /all"));
        assertTrue(cmd("CommandLine|startswith: 'WHO'", "whoami /all"));
        assertFalse(cmd("CommandLine|startswith: 'ami'", "whoami /all"));
        assertTrue(cmd("CommandLine|endswith: '/ALL'", "whoami /all"));
        assertFalse(cmd("CommandLine|endswith: 'who'", "whoami /all"));
    }

    @Test
    void listsAreOrUnlessAll() {
        assertTrue(cmd("CommandLine|contains: ['nope', 'ami']", "whoami /all"));
        assertTrue(cmd("CommandLine|contains|all: ['who', '/all']", "whoami /all"));
        assertFalse(cmd("CommandLine|contains|all: ['who', '/priv']", "whoami /all"));
    }

    @Test
    void wildcardsAndEscapes() {
        assertTrue(cmd("CommandLine: 'who*/a?l'", "whoami /all"));
        assertFalse(cmd("CommandLine: 'who*/a?'", "whoami /all"));
        assertTrue(cmd("CommandLine: 'a*b*c'", "a-x-b-y-c"));
        assertFalse(cmd("CommandLine: 'a*b*c'", "a-x-c-y-b"));
        assertTrue(cmd("CommandLine: 'echo \\*'", "echo *"));
        assertFalse(cmd("CommandLine: 'echo \\*'", "echo x"));
        assertTrue(cmd("CommandLine: 'what\\?'", "what?"));
        assertFalse(cmd("CommandLine: 'what\\?'", "whatx"));
        assertTrue(cmd("CommandLine: 'C:\\\\*'", "C:\\anything"));
        assertTrue(cmd("CommandLine|endswith: '\\cmd.exe'", "C:\\Windows\\cmd.exe"));
    }

    @Test
    void cased() {
        assertTrue(cmd("CommandLine|cased: 'Whoami'", "Whoami"));
        assertFalse(cmd("CommandLine|cased: 'Whoami'", "whoami"));
        assertFalse(cmd("CommandLine|contains|cased: 'AMI'", "whoami"));
    }

    @Test
    void regexWithFlags() {
        assertTrue(cmd("CommandLine|re: 'who.mi\\s+/[a-z]+'", "x whoami /all"));
        assertFalse(cmd("CommandLine|re: 'WHOAMI'", "whoami"));
        assertTrue(cmd("CommandLine|re|i: 'WHOAMI'", "whoami"));
        assertFalse(cmd("CommandLine|re: '^b$'", "a\nb"));
        assertTrue(cmd("CommandLine|re|m: '^b$'", "a\nb"));
        assertFalse(cmd("CommandLine|re: 'a.b'", "a\nb"));
        assertTrue(cmd("CommandLine|re|s: 'a.b'", "a\nb"));
    }

    @Test
    void windashMatchesEveryDash() {
        for (String dash : new String[] {"-", "/", "\u2013", "\u2014", "\u2015"}) {
            assertTrue(cmd("CommandLine|contains|windash: ' -enc '", "powershell " + dash + "enc AAA"), dash);
        }
        assertFalse(cmd("CommandLine|contains|windash: ' -enc '", "powershell +enc AAA"));
    }

    @Test
    void windashTwiceIsWindashOnce() {
        // the fuzzer's rule: a second windash multiplied 625 spellings to 390,625 and stalled the loader
        String rule = "CommandLine|windash|wide|windash: '-a -b -c -d'";
        String wide = "\u2013a /b \u2014c \u2015d";
        String asWide = new String(wide.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1);
        assertTrue(cmd(rule, asWide));
        assertFalse(cmd(rule, new String("+a -b -c -d".getBytes(StandardCharsets.UTF_16LE),
                StandardCharsets.ISO_8859_1)));
    }

    @Test
    void base64AndOffsets() {
        String b64 = Base64.getEncoder().encodeToString("http://evil".getBytes(StandardCharsets.UTF_8));
        assertTrue(cmd("CommandLine|base64: 'http://evil'", b64));
        assertFalse(cmd("CommandLine|base64: 'http://good'", b64));
        for (String prefix : new String[] {"", "a", "ab", "abc"}) {
            String enc = Base64.getEncoder().encodeToString((prefix + "Invoke-Mimikatz and more").getBytes(StandardCharsets.UTF_8));
            assertTrue(cmd("CommandLine|base64offset|contains: 'Invoke-Mimikatz'", "-enc " + enc), prefix);
        }
        String other = Base64.getEncoder().encodeToString("Invoke-Nothing".getBytes(StandardCharsets.UTF_8));
        assertFalse(cmd("CommandLine|base64offset|contains: 'Invoke-Mimikatz'", other));
    }

    @Test
    void wideBase64() {
        for (String prefix : new String[] {"", "x", "xy"}) {
            String enc = Base64.getEncoder().encodeToString((prefix + "IEX (New-Object Net.WebClient)").getBytes(StandardCharsets.UTF_16LE));
            assertTrue(cmd("CommandLine|wide|base64offset|contains: 'New-Object'", enc), prefix);
        }
        String utf8 = Base64.getEncoder().encodeToString("New-Object".getBytes(StandardCharsets.UTF_8));
        assertFalse(cmd("CommandLine|wide|base64offset|contains: 'New-Object'", utf8));
        byte[] bom = "cmd".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[bom.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(bom, 0, withBom, 2, bom.length);
        assertTrue(cmd("CommandLine|utf16|base64: 'cmd'", Base64.getEncoder().encodeToString(withBom)));
        assertFalse(cmd("CommandLine|utf16|base64: 'cmd'", Base64.getEncoder().encodeToString(bom)));
        String be = Base64.getEncoder().encodeToString("cmd".getBytes(StandardCharsets.UTF_16BE));
        assertTrue(cmd("CommandLine|utf16be|base64: 'cmd'", be));
    }

    @Test
    void numericComparisons() {
        assertTrue(cmd("ProcessId|gt: 100", "x") == false);
        String rule = procRule(sel("ProcessId|gte: 100"));
        assertTrue(fires(rule, sysmon1("ProcessId", "100")));
        assertFalse(fires(rule, sysmon1("ProcessId", "99")));
        assertTrue(fires(procRule(sel("ProcessId|lt: 10")), sysmon1("ProcessId", "9")));
        assertFalse(fires(procRule(sel("ProcessId|lte: 10")), sysmon1("ProcessId", "11")));
        assertTrue(fires(procRule(sel("ProcessId|gt: 10")), sysmon1("ProcessId", "0x20")));
        assertFalse(fires(procRule(sel("ProcessId|gt: 10")), sysmon1("ProcessId", "abc")));
    }

    @Test
    void cidr() {
        String rule = procRule(sel("DestinationIp|cidr: ['10.0.0.0/8', 'fe80::/10']"));
        assertTrue(fires(rule, sysmon1("DestinationIp", "10.20.30.40")));
        assertFalse(fires(rule, sysmon1("DestinationIp", "11.0.0.1")));
        assertTrue(fires(rule, sysmon1("DestinationIp", "fe80::1")));
        assertFalse(fires(rule, sysmon1("DestinationIp", "2001:db8::1")));
        assertFalse(fires(rule, sysmon1("DestinationIp", "example.com")));
    }

    @Test
    void existsAndNull() {
        assertTrue(fires(procRule(sel("OriginalFileName|exists: true")), sysmon1("OriginalFileName", "")));
        assertFalse(fires(procRule(sel("OriginalFileName|exists: true")), sysmon1()));
        assertTrue(fires(procRule(sel("OriginalFileName|exists: false")), sysmon1()));
        assertTrue(fires(procRule(sel("OriginalFileName: null")), sysmon1()));
        assertTrue(fires(procRule(sel("OriginalFileName: null")), sysmon1("OriginalFileName", "")));
        assertFalse(fires(procRule(sel("OriginalFileName: null")), sysmon1("OriginalFileName", "a.exe")));
        assertTrue(fires(procRule(sel("OriginalFileName: ''")), sysmon1("OriginalFileName", "")));
    }

    @Test
    void fieldref() {
        String rule = procRule(sel("ParentImage|fieldref: Image"));
        assertTrue(fires(rule, sysmon1("Image", "C:\\a.exe", "ParentImage", "c:\\A.EXE")));
        assertFalse(fires(rule, sysmon1("Image", "C:\\a.exe", "ParentImage", "C:\\b.exe")));
        assertTrue(fires(procRule(sel("CommandLine|fieldref|contains: Image")),
                sysmon1("Image", "a.exe", "CommandLine", "run a.exe now")));
    }

    @Test
    void neq() {
        String rule = procRule(sel("User|neq: 'SYSTEM'"));
        assertTrue(fires(rule, sysmon1("User", "alice")));
        assertFalse(fires(rule, sysmon1("User", "system")));
        assertFalse(fires(rule, sysmon1()));
    }

    @Test
    void timeParts() {
        String rule = procRule(sel("UtcTime|hour|gte: 22"));
        assertTrue(fires(rule, sysmon1("UtcTime", "2024-01-01 23:10:00.123")));
        assertFalse(fires(rule, sysmon1("UtcTime", "2024-01-01 08:10:00.123")));
        assertTrue(fires(procRule(sel("UtcTime|month: 3")), sysmon1("UtcTime", "2024-03-01 08:10:00.123")));
    }

    @Test
    void expandWithoutPlaceholderValuesIsAProblemNotACrash() {
        RuleSet set = TestRules.load(procRule(sel("Image|expand: '%admin_tools%'")));
        assertTrue(set.loaded().isEmpty());
        assertTrue(set.problems().get(0).reason().contains("%admin_tools%"), set.problems().toString());
        assertTrue(cmd("CommandLine|expand: 'no placeholder'", "no placeholder"));
    }

    @Test
    void keywordsSearchEveryField() {
        String rule = procRule("    keywords:\n        - 'mimikatz'\n        - 'sekurlsa'\n    condition: keywords");
        assertTrue(fires(rule, sysmon1("CommandLine", "run MIMIKATZ.exe")));
        assertTrue(fires(rule, sysmon1("ParentCommandLine", "x sekurlsa::logonpasswords")));
        assertFalse(fires(rule, sysmon1("CommandLine", "notepad")));
        String all = procRule("    keywords:\n        '|all':\n            - 'a1'\n            - 'b2'\n    condition: keywords");
        assertTrue(fires(all, sysmon1("CommandLine", "a1", "Image", "b2")));
        assertFalse(fires(all, sysmon1("CommandLine", "a1")));
    }

    @Test
    void numbersAndHexStayAsWritten() {
        assertTrue(fires(procRule(sel("EventID: 1")), sysmon1()));
        assertTrue(fires(procRule(sel("Flags: 0x17")), sysmon1("Flags", "0x17")));
        assertFalse(fires(procRule(sel("Flags: 0x17")), sysmon1("Flags", "23")));
    }

    @Test
    void unknownModifierIsAProblem() {
        RuleSet set = TestRules.load(procRule(sel("Image|sortof: 'x'")));
        assertTrue(set.loaded().isEmpty());
        assertTrue(set.problems().get(0).reason().contains("unknown modifier 'sortof'"), set.problems().toString());
    }
}
