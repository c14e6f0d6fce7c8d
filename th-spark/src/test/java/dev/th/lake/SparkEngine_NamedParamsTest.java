package dev.th.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The query model's {@code ?} parameters become Spark's named ones, in the order of the text (no Spark started). */
class SparkEngine_NamedParamsTest {

    @Test
    void everyParameterIsNamedInTextOrder() {
        assertEquals("SELECT (SELECT count(*) FROM s WHERE s.x = `a`) <= :p0 AS `F` FROM e WHERE `b` = :p1 AND c IN (:p2, :p3) LIMIT :p4",
                SparkEngine.named("SELECT (SELECT count(*) FROM s WHERE s.x = `a`) <= ? AS `F` FROM e WHERE `b` = ? AND c IN (?, ?) LIMIT ?"));
    }

    @Test
    void aQuestionMarkInAQuotedLiteralOrNameStays() {
        assertEquals("SELECT 'a?b' AS `x?`, :p0 || '?' FROM t WHERE y = :p1",
                SparkEngine.named("SELECT 'a?b' AS `x?`, ? || '?' FROM t WHERE y = ?"));
        assertEquals("SELECT 'it''s?' WHERE a = :p0", SparkEngine.named("SELECT 'it''s?' WHERE a = ?"));
    }
}
