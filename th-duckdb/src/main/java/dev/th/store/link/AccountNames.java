package dev.th.store.link;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * SIDs joined to account names: every event that logs both a UserSid and a LoggedUser teaches
 * the pair for its client (the name most events give a SID wins; the NULL SID S-1-0-0 teaches
 * nothing). The {@code accounts} table keeps the pairs (ClientId, UserSid, LoggedUser, Events);
 * events that log only a SID (PowerShell 4104) get the name as LoggedUser.
 */
final class AccountNames {
    private AccountNames() {
    }

    static void learnAndApply(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE accounts AS SELECT ClientId, UserSid, arg_max(LoggedUser, n) AS LoggedUser, "
                    + "sum(n) AS Events FROM (SELECT ClientId, UserSid, LoggedUser, count(*) AS n FROM events "
                    + "WHERE UserSid IS NOT NULL AND LoggedUser IS NOT NULL AND UserSid <> 'S-1-0-0' GROUP BY ALL) "
                    + "GROUP BY ClientId, UserSid");
            st.execute("UPDATE events SET LoggedUser = accounts.LoggedUser FROM accounts "
                    + "WHERE events.LoggedUser IS NULL AND events.UserSid = accounts.UserSid AND events.ClientId = accounts.ClientId");
        }
    }
}
