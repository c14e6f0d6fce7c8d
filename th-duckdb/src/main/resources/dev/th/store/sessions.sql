-- Logon sessions, computed from the logon rows of the events table (docs/normalize.md "Sessions").
-- A session is keyed by machine, boot and LogonId: a LogonId is unique only within one boot.
-- Boots: System 6005/6009 and Kernel-General 12 (markers within 5 minutes of the one before are one
-- boot). A 4624 starts a session unless an earlier 4624 of the same key is not yet logged off (the
-- same logon logged twice); a LogonId logged on again after its logoff starts a new session.
-- The end: the first 4634/4647 of the key after the start, else the next boot or shutdown.
-- Elevated: ElevatedToken Yes, or a 4672 (special privileges) for the logon as it began. A UAC pair
-- (TargetLinkedLogonId, or, when the log has no linked id, two interactive 4624 of one user and
-- type within a second, one elevated and one not) is one session: LogonId is the filtered
-- token's, LinkedLogonId the elevated one's.
CREATE OR REPLACE TEMP VIEW sessions AS
WITH marks AS (
    SELECT ClientId, Muid, DateTime, Operation FROM events
    WHERE Family = 'logon' AND Operation IN ('boot', 'shutdown')
), boots AS (
    SELECT ClientId, Muid, DateTime FROM (
        SELECT ClientId, Muid, DateTime,
               lag(DateTime) OVER (PARTITION BY ClientId, Muid ORDER BY DateTime) AS prev
        FROM marks WHERE Operation = 'boot')
    WHERE prev IS NULL OR DateTime > prev + INTERVAL 5 MINUTE
), rows_ AS (
    SELECT e.ClientId, e.Muid, e.MachineName, e.DateTime, e.RecordId, e.Operation, e.LogonId, e.LoggedUser, e.UserSid,
           e.LogonType, e.RemoteIp, e.RemotePort, e.Workstation, e.AuthPackage, e.LogonProcess, e.ElevatedToken,
           nullif(e.LinkedLogonId, '0x0') AS LinkedLogonId, e.Recovered, b.DateTime AS Boot
    FROM (SELECT * FROM events WHERE Family = 'logon' AND LogonId IS NOT NULL
          AND Operation IN ('logon', 'logoff', 'privileged', 'reconnect', 'disconnect')) e
    ASOF LEFT JOIN boots b ON e.ClientId = b.ClientId AND e.Muid = b.Muid AND e.DateTime >= b.DateTime
), logons AS (
    SELECT l.*, lag(l.DateTime) OVER (PARTITION BY l.ClientId, l.Muid, l.Boot, l.LogonId ORDER BY l.DateTime, l.RecordId) AS prev
    FROM rows_ l WHERE l.Operation = 'logon'
), starts AS (
    SELECT l.* FROM logons l
    WHERE l.prev IS NULL OR EXISTS (SELECT 1 FROM rows_ o WHERE o.Operation = 'logoff' AND o.ClientId = l.ClientId
          AND o.Muid = l.Muid AND o.LogonId = l.LogonId AND o.Boot IS NOT DISTINCT FROM l.Boot
          AND o.DateTime > l.prev AND o.DateTime <= l.DateTime)
), windows AS (
    SELECT s.*, lead(s.DateTime) OVER (PARTITION BY s.ClientId, s.Muid, s.Boot, s.LogonId ORDER BY s.DateTime) AS nextStart
    FROM starts s
), ended AS (
    SELECT w.*,
           (SELECT min(o.DateTime) FROM rows_ o WHERE o.Operation = 'logoff' AND o.ClientId = w.ClientId AND o.Muid = w.Muid
              AND o.LogonId = w.LogonId AND o.Boot IS NOT DISTINCT FROM w.Boot AND o.DateTime >= w.DateTime
              AND (w.nextStart IS NULL OR o.DateTime < w.nextStart)) AS loggedOff,
           (SELECT min(m.DateTime) FROM marks m WHERE m.ClientId = w.ClientId AND m.Muid = w.Muid AND m.DateTime > w.DateTime) AS nextBoot
    FROM windows w
), flagged AS (
    -- elevated: ElevatedToken Yes, or special privileges (4672) given to the logon as it began
    SELECT e.*, coalesce(e.ElevatedToken = 'Yes', false) OR EXISTS (SELECT 1 FROM rows_ p WHERE p.Operation = 'privileged'
              AND p.ClientId = e.ClientId AND p.Muid = e.Muid AND p.Boot IS NOT DISTINCT FROM e.Boot AND p.LogonId = e.LogonId
              AND p.DateTime BETWEEN e.DateTime - INTERVAL 1 SECOND AND e.DateTime + INTERVAL 5 SECOND) AS elev
    FROM ended e
), linked AS (
    SELECT e.*, coalesce(e.LinkedLogonId, (SELECT min(g.LogonId) FROM flagged g WHERE g.ClientId = e.ClientId AND g.Muid = e.Muid
              AND g.Boot IS NOT DISTINCT FROM e.Boot AND g.LogonId <> e.LogonId AND g.LinkedLogonId IS NULL
              AND lower(g.LoggedUser) = lower(e.LoggedUser) AND g.LogonType = e.LogonType
              AND g.LogonType IN ('2', '10', '11') AND g.elev <> e.elev
              AND abs(epoch(g.DateTime) - epoch(e.DateTime)) <= 1)) AS Pair
    FROM flagged e
), merged AS (
    -- the elevated half of a pair whose filtered half is here too gives its id and its elevation to that half
    SELECT l.*, l.elev OR EXISTS (SELECT 1 FROM linked p WHERE p.ClientId = l.ClientId AND p.Muid = l.Muid
              AND p.Boot IS NOT DISTINCT FROM l.Boot AND p.LogonId = l.Pair AND p.elev) AS Elevated
    FROM linked l
    WHERE NOT (l.elev AND l.Pair IS NOT NULL AND EXISTS (SELECT 1 FROM linked p WHERE p.ClientId = l.ClientId
              AND p.Muid = l.Muid AND p.Boot IS NOT DISTINCT FROM l.Boot AND p.LogonId = l.Pair AND NOT p.elev))
), spans AS (
    SELECT m.*, coalesce(m.loggedOff, m.nextBoot) AS EndTime,
           CASE WHEN m.loggedOff IS NOT NULL THEN 'logoff' WHEN m.nextBoot IS NOT NULL THEN 'boot' END AS EndedBy
    FROM merged m
)
SELECT s.ClientId, s.Muid, s.MachineName, s.Recovered, s.Boot, s.LogonId, s.Pair AS LinkedLogonId, s.LoggedUser, s.UserSid, s.LogonType,
       CASE s.LogonType WHEN '2' THEN 'interactive' WHEN '3' THEN 'network' WHEN '4' THEN 'batch' WHEN '5' THEN 'service'
            WHEN '7' THEN 'unlock' WHEN '8' THEN 'network-cleartext' WHEN '9' THEN 'new-credentials'
            WHEN '10' THEN 'remote-interactive' WHEN '11' THEN 'cached-interactive' WHEN '12' THEN 'cached-remote-interactive'
            WHEN '13' THEN 'cached-unlock' END AS LogonKind,
       s.RemoteIp, s.RemotePort, s.Workstation, s.AuthPackage, s.LogonProcess, s.Elevated,
       EXISTS (SELECT 1 FROM rows_ p WHERE p.Operation = 'privileged' AND p.ClientId = s.ClientId AND p.Muid = s.Muid
               AND p.Boot IS NOT DISTINCT FROM s.Boot AND p.LogonId IN (s.LogonId, s.Pair)
               AND p.DateTime BETWEEN s.DateTime - INTERVAL 1 SECOND AND s.DateTime + INTERVAL 5 SECOND) AS Privileged,
       CASE WHEN s.RemoteIp IN ('::1', '0.0.0.0', '::') OR starts_with(s.RemoteIp, '127.') THEN false
            WHEN s.LogonType IN ('3', '10') OR s.RemoteIp IS NOT NULL THEN true ELSE false END AS Remote,
       s.DateTime, CAST(s.DateTime AS DATE) AS Date, s.DateTime AS Start, s.EndTime AS "End", s.EndedBy,
       CAST(epoch(s.EndTime) - epoch(s.DateTime) AS BIGINT) AS Seconds,
       greatest(
         (SELECT count(*) FROM rows_ r WHERE r.Operation = 'reconnect' AND r.ClientId = s.ClientId AND r.Muid = s.Muid
            AND r.Boot IS NOT DISTINCT FROM s.Boot AND r.LogonId IN (s.LogonId, s.Pair) AND r.DateTime >= s.DateTime
            AND (s.EndTime IS NULL OR r.DateTime <= s.EndTime)),
         (SELECT count(*) FROM events t WHERE t.Family = 'logon' AND t.Operation = 'rdp-reconnect' AND t.ClientId = s.ClientId
            AND t.Muid = s.Muid AND lower(t.LoggedUser) = lower(s.LoggedUser) AND t.DateTime >= s.DateTime
            AND (s.EndTime IS NULL OR t.DateTime <= s.EndTime) AND s.LogonType = '10')) AS Reconnects,
       (SELECT string_agg(DISTINCT t.RemoteIp, ', ' ORDER BY t.RemoteIp) FROM events t WHERE t.Family = 'logon'
            AND t.Operation IN ('reconnect', 'rdp-reconnect') AND t.ClientId = s.ClientId AND t.Muid = s.Muid
            AND (t.LogonId IN (s.LogonId, s.Pair) OR t.LogonId IS NULL AND lower(t.LoggedUser) = lower(s.LoggedUser) AND s.LogonType = '10')
            AND t.DateTime >= s.DateTime AND (s.EndTime IS NULL OR t.DateTime <= s.EndTime)) AS ReconnectedFrom,
       (SELECT count(*) FROM events p WHERE p.Family = 'process' AND p.Operation = 'create' AND p.Duplicate IS NOT TRUE
            AND p.ClientId = s.ClientId AND p.Muid = s.Muid AND p.LogonId IN (s.LogonId, s.Pair) AND p.DateTime >= s.DateTime
            AND (s.EndTime IS NULL OR p.DateTime <= s.EndTime)) AS Processes
FROM spans s
