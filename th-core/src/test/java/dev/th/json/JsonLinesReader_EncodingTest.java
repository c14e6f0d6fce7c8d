package dev.th.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The warning a JSON line gets when the store cannot keep its text as written: U+FFFD (bytes that
 * were not UTF-8) and lone UTF-16 surrogates written as escapes; never for Windows paths, whose
 * escaped backslashes are followed by letters such as {@code u}.
 */
class JsonLinesReader_EncodingTest {

    @Test
    void windowsPathsAndPairedSurrogatesGetNoWarning() {
        assertNull(JsonLinesReader.encodingWarning("{\"Image\":\"C:\\\\Users\\\\udo\\\\ud800.exe\",\"m\":\"a\\r\\n\\\\\"}"));
        assertNull(JsonLinesReader.encodingWarning("{\"emoji\":\"\\ud83d\\ude00\",\"t\":\"\\u00e9\\u0000\"}"));
    }

    @Test
    void loneSurrogatesAndReplacementCharactersAreNamed() {
        assertEquals(" holds a lone UTF-16 surrogate (\\ud800): it is stored as '?'",
                JsonLinesReader.encodingWarning("{\"a\":\"x\\ud800y\"}"));
        assertEquals(" holds a lone UTF-16 surrogate (\\udc00): it is stored as '?'",
                JsonLinesReader.encodingWarning("{\"a\":\"\\udc00\"}"));
        assertEquals(" holds a lone UTF-16 surrogate (\\ud83d): it is stored as '?'",
                JsonLinesReader.encodingWarning("{\"a\":\"\\ud83d\"}"));
        assertEquals(" holds U+FFFD: bytes that are not UTF-8 (or a U+FFFD of the log) are stored as U+FFFD",
                JsonLinesReader.encodingWarning("{\"a\":\"WS\uFFFD\"}"));
    }
}
