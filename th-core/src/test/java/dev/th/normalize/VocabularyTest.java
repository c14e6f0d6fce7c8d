package dev.th.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Message ids resolved in place, and values that only look like them kept as written. */
class VocabularyTest {
    private final Vocabulary vocabulary = Vocabulary.standard();

    @Test
    void aListOfIdsBecomesTheirTextsJoined() {
        // 4663's AccessList: one id per line, tab-indented, as Windows writes it
        assertEquals("DELETE, READ_CONTROL", vocabulary.resolve("%%1537\n\t\t\t\t%%1538\n"));
    }

    @Test
    void environmentVariablesInAPathStayAsWritten() {
        // the PSEXESVC service's ImagePath, as Sysmon 13 logs it in the PsExec sample
        assertEquals("%%SystemRoot%%\\PSEXESVC.exe", vocabulary.resolve("%%SystemRoot%%\\PSEXESVC.exe"));
        assertEquals("%SystemRoot%\\system32\\svchost.exe", vocabulary.resolve("%SystemRoot%\\system32\\svchost.exe"));
    }

    @Test
    void aKnownIdInsideOtherTextIsReplacedWhereItStands() {
        assertEquals("mask READ_CONTROL granted", vocabulary.resolve("mask %%1538 granted"));
        assertEquals("%%99999999 and %%", vocabulary.resolve("%%99999999 and %%"));
        assertEquals("%%12345678901", vocabulary.resolve("%%12345678901"));
    }
}
