package dev.th;

/**
 * The seed's {@code get_blocked}: what was blocked (Sysmon 27, 28, 29:
 * executables and shredding blocked). Options: {@code users}, {@code file} (the blocked file),
 * {@code period}, {@code histogram}. Rows are {@link Block}s.
 */
public final class BlockedQuery extends DetectionAsk<Block, BlockedQuery> {

    BlockedQuery(Session session, Scope scope) {
        super(session, scope, Block::new, "blocked");
    }
}
