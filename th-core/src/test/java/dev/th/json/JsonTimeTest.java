package dev.th.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTimeTest {
    @ParameterizedTest
    @CsvSource({
        "2020-10-18 07:50:06.220, 2020-10-18T07:50:06.220Z",
        "2020-10-23T03:12:04.351Z, 2020-10-23T03:12:04.351Z",
        "2025-10-24T23:36:29.1111267Z, 2025-10-24T23:36:29.1111267Z",
        "2023-08-15T11:53:48.739+02:00, 2023-08-15T09:53:48.739Z",
        "2023-08-15T05:53:48-0400, 2023-08-15T09:53:48Z",
        "2023-08-15 09:53:48, 2023-08-15T09:53:48Z",
        "1603007406220, 2020-10-18T07:50:06.220Z",
        "1603007406, 2020-10-18T07:50:06Z",
        "/Date(1603007406220)/, 2020-10-18T07:50:06.220Z",
        "\\/Date(1603007406220)\\/, 2020-10-18T07:50:06.220Z",
        "/Date(1603007406220+0200)/, 2020-10-18T07:50:06.220Z",
        "/Date(-1000)/, 1969-12-31T23:59:59Z"})
    void parsesToUtc(String text, String expected) {
        assertEquals(Instant.parse(expected), JsonTime.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"18/10/2020 07:50", "2020-13-01T00:00:00Z", "now"})
    void refusesWhatItCannotRead(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonTime.parse(text));
        assertEquals("unreadable time '" + text + "'", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "2020-10-18T07:50:06.220Z, 2020-10-18T07:50:06.2200000Z",
        "2025-10-24T23:36:29.1111269Z, 2025-10-24T23:36:29.1111269Z",
        "2023-08-15T09:53:48Z, 2023-08-15T09:53:48.0000000Z"})
    void formatsWithSevenDigitsAsTheEvtxReader(String instant, String text) {
        assertEquals(text, JsonTime.format(Instant.parse(instant)));
    }
}
