package dev.th.hunt.ioc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IocListTest {

    @Test
    void readsPrefixedAndBareIndicatorsAndReportsBadLines() {
        IocList list = IocList.parse(List.of(
                "# my list",
                "md5:9321C107D1F7E336CDA550A2BF049108",
                "F5AE03DE0AD60F5B17B82F2CD68402FE\tcmd.exe from the PsExec sample",
                "10.23.42.38",
                "ip: fe80::1",
                "domain:Evil.Example.COM.",
                "hotelesms.com # mshta payloads",
                "",
                "sha1:FB0A150601470195C47B4E8D87FCB3F50292BEB2",
                "md5:not-a-hash",
                "what is this?",
                "10.23.42.38"), "list.txt");
        assertEquals(List.of("9321c107d1f7e336cda550a2bf049108", "f5ae03de0ad60f5b17b82f2cd68402fe"),
                list.of(IocType.MD5).stream().map(Indicator::value).toList());
        assertEquals(List.of("10.23.42.38", "fe80::1"), list.of(IocType.IP).stream().map(Indicator::value).toList());
        assertEquals(List.of("evil.example.com", "hotelesms.com"), list.of(IocType.DOMAIN).stream().map(Indicator::value).toList());
        assertEquals("list.txt:2", list.of(IocType.MD5).get(0).source());
        assertEquals(3, list.problems().size(), list.problems().toString());
        assertTrue(list.problems().get(0).startsWith("list.txt:9: unknown type prefix 'sha1'"), list.problems().get(0));
        assertTrue(list.problems().get(1).startsWith("list.txt:10: "), list.problems().get(1));
        assertTrue(list.problems().get(2).startsWith("list.txt:11: "), list.problems().get(2));
    }
}
