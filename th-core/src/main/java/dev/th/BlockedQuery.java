package dev.th;

import dev.th.query.Cond;
import java.util.List;

/**
 * The seed's {@code get_blocked}: what was blocked (Sysmon 27, 28: executables and shredding
 * blocked; Defender 1121, 1126: attack surface reduction and network protection blocks; the
 * connections the Windows Filtering Platform blocked, Security 5157, which are
 * communications too). Options: {@code users}, {@code file} (the blocked file), {@code period},
 * {@code histogram}. Rows are {@link Block}s.
 */
public final class BlockedQuery extends DetectionAsk<Block, BlockedQuery> {

    BlockedQuery(Session session, Scope scope) {
        super(session, scope, Block::new, null);
        filters.add(Cond.or(List.of(Cond.eq("Family", "blocked"),
                Cond.and(List.of(Cond.eq("Family", "network"), Cond.eq("Operation", "blocked"))))));
    }
}
