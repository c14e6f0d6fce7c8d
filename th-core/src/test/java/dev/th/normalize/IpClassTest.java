package dev.th.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.th.flow.Flow;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Edge cases of Ipv4Status, the stored form of IPv4-mapped addresses, and port and protocol names. */
class IpClassTest {

    @Test
    void rangeEdges() {
        // first and last address of each private range, and the public neighbours just outside
        String[][] cases = {
            {"10.0.0.0", "Private"}, {"10.255.255.255", "Private"}, {"9.255.255.255", "Public"}, {"11.0.0.0", "Public"},
            {"172.16.0.0", "Private"}, {"172.31.255.255", "Private"}, {"172.15.255.255", "Public"}, {"172.32.0.0", "Public"},
            {"192.168.0.0", "Private"}, {"192.168.255.255", "Private"}, {"192.167.255.255", "Public"}, {"192.169.0.0", "Public"},
            {"100.64.0.0", "Private"}, {"100.127.255.255", "Private"}, {"100.63.255.255", "Public"}, {"100.128.0.0", "Public"},
            {"169.254.0.0", "Private"}, {"169.254.255.255", "Private"}, {"169.253.255.255", "Public"}, {"169.255.0.0", "Public"},
            {"127.255.255.255", "Private"}, {"126.255.255.255", "Public"}, {"0.255.255.255", "Private"},
            {"224.0.0.0", "Private"}, {"223.255.255.255", "Public"}, {"255.255.255.255", "Private"},
            {"fe80::", "Private"}, {"febf:ffff::1", "Private"}, {"fec0::1", "Public"}, {"fe7f::1", "Public"},
            {"fc00::", "Private"}, {"fdff:ffff::1", "Private"}, {"fbff::1", "Public"}, {"FD12:3456::1", "Private"},
            {"ff00::", "Private"}, {"FF05::1:3", "Private"}, {"2606:4700:4700::1111", "Public"},
            {"::ffff:10.0.0.1", "Private"}, {"::FFFF:100.64.0.1", "Private"}, {"::ffff:9.9.9.9", "Public"},
            {"fe80::1%eth0", "Private"}, {"0:0:0:0:0:0:0:1", "Private"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], IpClass.classify(c[0]), c[0]);
        }
        for (String bad : new String[] {"10.0.0.256", "10.0.0.", ".10.0.0.1", "10..0.1", "::ffff:1.2.3", "::ffff:999.1.1.1", "g::1", " "}) {
            assertNull(IpClass.classify(bad), bad);
        }
    }

    @Test
    void mappedAddressesStoredAsIpv4() {
        assertEquals("10.0.0.5", IpClass.unmapped("::ffff:10.0.0.5"));
        assertEquals("8.8.4.4", IpClass.unmapped("::FFFF:8.8.4.4"));
        assertEquals("192.168.1.2", IpClass.unmapped("0:0:0:0:0:ffff:192.168.1.2"));
        // not mapped, or not an address: unchanged
        for (String same : new String[] {"10.0.0.5", "fe80::1", "::ffff:1.2.3", "::fffe:10.0.0.5", "::ffff:10.0.0.256", "2001:db8::1", null}) {
            assertEquals(same, IpClass.unmapped(same), String.valueOf(same));
        }
        assertEquals("172.16.5.4", Logic.ipOf("::ffff:172.16.5.4"));
        assertNull(Logic.ipOf("-"));
    }

    @Test
    void flowsStoreMappedAddressesAsIpv4SoTheyJoinEvents() {
        Flow f = new Flow("C1", Instant.EPOCH, "::ffff:10.0.0.5", 50000, "::ffff:93.184.216.34", 443, "tcp", "ssl",
                1.0, 10L, 20L, "SF", true, false, "ShADad", 3L, 100L, 4L, 200L, 1);
        assertEquals("10.0.0.5", f.origIp());
        assertEquals("93.184.216.34", f.respIp());
    }

    @Test
    void portAndProtocolNames() {
        // the seed's names
        assertEquals("FTP", IpClass.portName(21));
        assertEquals("SSH", IpClass.portName(22));
        assertEquals("TELNET", IpClass.portName(23));
        assertEquals("SMTP", IpClass.portName(25));
        assertEquals("HTTP", IpClass.portName(80));
        assertEquals("POP3", IpClass.portName(110));
        assertEquals("HTTPS", IpClass.portName(443));
        assertEquals("RDP", IpClass.portName(3389));
        // common others
        assertEquals("SMB", IpClass.portName(445));
        assertEquals("DNS", IpClass.portName(53));
        assertEquals("LDAP", IpClass.portName(389));
        assertEquals("KERBEROS", IpClass.portName(88));
        assertEquals("WINRM", IpClass.portName(5985));
        assertNull(IpClass.portName(49152));
        assertNull(IpClass.portName(null));
        assertEquals("TCP", IpClass.protocolName(6));
        assertEquals("UDP", IpClass.protocolName(17));
        assertEquals("ICMP", IpClass.protocolName(1));
        assertEquals("ICMPV6", IpClass.protocolName(58));
        assertNull(IpClass.protocolName(253));
    }
}
