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
            String learnt = "SELECT ClientId, UserSid, arg_max(LoggedUser, n) AS LoggedUser, "
                    + "sum(n) AS Events FROM (SELECT ClientId, UserSid, LoggedUser, count(*) AS n FROM events "
                    + "WHERE UserSid IS NOT NULL AND LoggedUser IS NOT NULL AND UserSid <> 'S-1-0-0' AND ClientId IN " + Scope.CLIENTS
                    + " GROUP BY ALL) GROUP BY ClientId, UserSid";
            // the pairs of the scope's clients made again; the other clients' stay as they were
            st.execute("CREATE TABLE IF NOT EXISTS accounts AS " + learnt + " LIMIT 0");
            st.execute("DELETE FROM accounts WHERE ClientId IN " + Scope.CLIENTS);
            st.execute("INSERT INTO accounts " + learnt);
            st.execute("UPDATE events SET LoggedUser = accounts.LoggedUser FROM accounts "
                    + "WHERE events.LoggedUser IS NULL AND events.UserSid = accounts.UserSid AND events.ClientId = accounts.ClientId "
                    + "AND events.ClientId IN " + Scope.CLIENTS);
        }
    }
}
