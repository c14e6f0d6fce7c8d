package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

/** Golden output of the three formats on a small frame with a null, a comma, a quote and a time. */
class OutputTest {
    private static final DataFrame DF = DataFrame.foldByRow("Name", "When", "Events").of(
            "WIN-DC01", LocalDateTime.parse("2024-03-01T10:15:30.123456"), 1234L,
            "a,\"b\"", null, 7L);

    private static String print(Output.Format f) {
        StringWriter sw = new StringWriter();
        Output.print(DF, f, new PrintWriter(sw));
        return sw.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void table() {
        assertEquals("""
                Name      When                 Events
                --------  -------------------  ------
                WIN-DC01  2024-03-01 10:15:30    1234
                a,"b"                               7
                (2 rows)
                """, print(Output.Format.table));
    }

    @Test
    void csv() {
        assertEquals("Name,When,Events\r\nWIN-DC01,2024-03-01T10:15:30.123456Z,1234\r\n\"a,\"\"b\"\"\",,7\r\n",
                print(Output.Format.csv));
    }

    @Test
    void json() {
        assertEquals("""
                [ {
                  "Name" : "WIN-DC01",
                  "When" : "2024-03-01T10:15:30.123456Z",
                  "Events" : 1234
                }, {
                  "Name" : "a,\\"b\\"",
                  "When" : null,
                  "Events" : 7
                } ]
                """, print(Output.Format.json));
    }
}
