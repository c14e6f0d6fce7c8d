package dev.th.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

class ZeekTsvReaderTest {
    static final String ZEEK_ZIP = "otrf/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump_zeek_logs.zip";
    static final String FIELDS = "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\t"
            + "orig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\t"
            + "resp_pkts\tresp_ip_bytes\ttunnel_parents\n";
    static final String HEADER = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n"
            + FIELDS + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\t"
            + "bool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\n";

    @Test
    void unsetAndEmptyValuesAndEscapes() throws IOException {
        Collected c = Collected.read(new ZeekTsvReader(), HEADER
                + "1692161622.036086\tCa\t192.168.1.41\t52605\t192.168.1.4\t53\tudp\tdns\t-\t-\t-\tSHR\tT\tT\t0\t^d\t0\t0\t1\t62\t-\n"
                + "1692161643.5\tCb\t10.0.0.1\t55213\t10.0.5.13\t80\ttcp\t(empty)\t1.201128\t10\t403\tSF\tF\t-\t0\tSh\\x09a\t3\t130\t5\t615\t-\n"
                + "#close\t2023-08-16-01-28-55\n");
        assertEquals(List.of(), c.reasons);
        assertEquals(2, c.flows.size());
        Flow a = c.flows.get(0);
        assertEquals("Ca", a.id());
        assertEquals(Instant.ofEpochSecond(1692161622L, 36_086_000L), a.start());
        assertEquals("192.168.1.41", a.origIp());
        assertEquals(52605, a.origPort());
        assertEquals(53, a.respPort());
        assertEquals("udp", a.protocol());
        assertNull(a.duration());
        assertNull(a.origBytes());
        assertEquals(0L, a.origIpBytes());
        assertEquals(62L, a.respIpBytes());
        assertEquals(Boolean.TRUE, a.localOrig());
        assertEquals("^d", a.history());
        assertEquals(8, a.line());
        Flow b = c.flows.get(1);
        assertEquals("", b.service());
        assertEquals(1.201128, b.duration());
        assertNull(b.localResp());
        assertEquals(Boolean.FALSE, b.localOrig());
        assertEquals("Sh\ta", b.history());
        assertEquals(130L, b.origIpBytes());
    }

    @Test
    void damagedLinesAreRejectedWithTheirLineAndTheRestIsRead() throws IOException {
        Collected c = Collected.read(new ZeekTsvReader(), "1692161622.0\tearly\n" + HEADER
                + "1692161622.1\tC1\t192.168.1.41\t1\t192.168.1.4\t53\tudp\tdns\t-\t-\t-\tSHR\tT\tT\t0\t^d\t0\t0\t1\t62\t-\n"
                + "1692161622.2\tC2\t192.168.1.41\t2\t192.168.1.4\t53\tudp\n"
                + "1692161622.3\tC3\t192.168.1.41\t70000\t192.168.1.4\t53\tudp\tdns\t-\t-\t-\tSHR\tT\tT\t0\t^d\t0\t0\t1\t62\t-\n"
                + "yesterday\tC4\t192.168.1.41\t4\t192.168.1.4\t53\tudp\tdns\t-\t-\t-\tSHR\tT\tT\t0\t^d\t0\t0\t1\t62\t-\n"
                + "1692161622.5\tC5\t192.168.1.41\t5\t192.168.1.4\t53\tudp\tdns\t-\t-\t-\tSHR\tT\tT\t0\t^d\t0\t0\t1\tmany\t-\n"
                + "1692161622.6\tC6\t192.168.1.41\t6\t192.168.1.4\t53\tudp\tdns\t-\t-\t-\tSHR\tT\tT\t0\t^d\t0\t0\t1\t62\t-\n");
        assertEquals(List.of("C1", "C6"), c.flows.stream().map(Flow::id).toList());
        assertEquals(List.of(1L, 10L, 11L, 12L, 13L), c.rejectedLines);
        assertTrue(c.reasons.get(0).contains("before the #fields"), c.reasons.get(0));
        assertTrue(c.reasons.get(1).contains("7 fields where the header names 21"), c.reasons.get(1));
        assertTrue(c.reasons.get(2).contains("id.orig_p '70000' is not a port"), c.reasons.get(2));
        assertTrue(c.reasons.get(3).contains("ts 'yesterday'"), c.reasons.get(3));
        assertTrue(c.reasons.get(4).contains("resp_ip_bytes 'many' is not a count"), c.reasons.get(4));
    }

    @Test
    void dnsAnswersKeepTheirAddresses() throws IOException {
        Collected c = Collected.read(new ZeekTsvReader(), "#separator \\x09\n#unset_field\t-\n#empty_field\t(empty)\n#path\tdns\n"
                + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tquery\tanswers\n"
                + "1692161622.0\tCd\t192.168.1.41\t5000\t192.168.1.4\t53\tpandalab.com\talias.example,192.168.1.4,fe80::1\n"
                + "1692161623.0\tCe\t192.168.1.41\t5001\t192.168.1.4\t53\t-\t-\n");
        assertEquals(2, c.names.size());
        assertEquals("pandalab.com", c.names.get(0).name());
        assertEquals(List.of("192.168.1.4", "fe80::1"), c.names.get(0).addresses());
        assertNull(c.names.get(1).name());
        assertEquals(List.of(), c.names.get(1).addresses());
    }

    @Test
    void everyDataLineOfTheCampaignsConnLogIsAFlow() throws IOException {
        List<String> lines = zeekLog("conn.log");
        long dataLines = lines.stream().filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
        Collected c = Collected.read(new ZeekTsvReader(), String.join("\n", lines));
        assertEquals(List.of(), c.reasons);
        assertEquals(dataLines, c.flows.size());
        Flow f = c.flows.stream().filter(x -> x.id().equals("CwPdEL3GjlTuYf5iAd")).findFirst().orElseThrow();
        // the line of conn.log, read by eye: 192.168.1.41:51130 -> 10.0.5.13:8080 tcp, 0.686877 s, resp_ip_bytes 210344
        assertEquals("192.168.1.41", f.origIp());
        assertEquals(51130, f.origPort());
        assertEquals("10.0.5.13", f.respIp());
        assertEquals(8080, f.respPort());
        assertEquals(0.686877, f.duration());
        assertEquals(210344L, f.respIpBytes());
    }

    /** The lines of one log of the campaign's Zeek zip. */
    static List<String> zeekLog(String name) throws IOException {
        try (ZipFile z = new ZipFile(SharedData.require(ZEEK_ZIP).toFile())) {
            ZipEntry e = z.stream().filter(x -> x.getName().endsWith(name)).findFirst().orElseThrow();
            try (InputStream in = z.getInputStream(e)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
        }
    }
}
