package dev.th.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

/** The CSV writer read back by Apache Commons CSV: formulas (OWASP's leading characters) as text, numbers and the rest exact. */
class CsvWriterTest {
    private static final List<String> TEXTS = List.of("=1+1", "+1", "-enc SQBFAFgA", "@SUM(A1)", "\tcalc", "\rcalc",
            "plain, \"quoted\"\nnext", " =not first", "");

    private static List<CSVRecord> read(String text) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
    }

    @Test
    void safeWriterTurnsFormulasIntoText() throws IOException {
        Object[] rows = new Object[TEXTS.size() * 2];
        for (int i = 0; i < TEXTS.size(); i++) {
            rows[2 * i] = TEXTS.get(i);
            rows[2 * i + 1] = -5L + i;
        }
        StringWriter out = new StringWriter();
        Written w = CsvWriter.safe().write(DataFrame.foldByRow("Text", "Number").of(rows), out);
        assertEquals(TEXTS.size(), w.rows());
        List<CSVRecord> back = read(out.toString());
        assertEquals(TEXTS.size(), back.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            String t = TEXTS.get(i);
            boolean formula = !t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0;
            assertEquals(formula ? "'" + t : t, back.get(i).get("Text"));
            assertEquals(String.valueOf(-5L + i), back.get(i).get("Number"), "numbers are not formulas");
        }
    }

    @Test
    void rawWriterKeepsTextExactly() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter.raw().write(DataFrame.foldByRow("Text").ofIterable(TEXTS), out);
        List<CSVRecord> back = read(out.toString());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertEquals(TEXTS.get(i), back.get(i).get("Text"));
        }
    }
}
