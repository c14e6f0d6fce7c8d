-- PowerShell as a hunter reads it (docs/normalize.md "PowerShell"): one row per script block, its
-- 4104 parts (MessageNumber of MessageTotal, under one ScriptBlockId) joined in order into the
-- whole text (each part's text as logged, untrimmed, from Fields), each part once (a part logged twice, as by two copies of one log, counts once),
-- with the parts that never arrived named; beside them the rows of family script (4103 module
-- logging, the classic log's 400/403/600/800).
CREATE OR REPLACE TEMP VIEW scripts AS
WITH parts AS (
    SELECT ClientId, Muid, MachineName, DateTime, RecordId, LoggedUser, UserSid, ChildPath, ChildFilename, ParentPid, ParentGuid,
           coalesce(json_extract_string(Fields, '$.ScriptBlockText'), CommandLine) AS CommandLine, Kind, ParentKind, RemoteSession, Recovered,
           coalesce(ObjectName, lower(json_extract_string(Fields, '$.ScriptBlockId')), 'record ' || SourceHash || '#' || RecordId) AS Block,
           coalesce(TRY_CAST(json_extract_string(Fields, '$.MessageNumber') AS INTEGER), 1) AS N,
           coalesce(TRY_CAST(json_extract_string(Fields, '$.MessageTotal') AS INTEGER), 1) AS Total
    FROM events WHERE Family = 'file' AND Operation = 'script' AND EventId = 4104
), once AS (
    SELECT * FROM (SELECT p.*, row_number() OVER (PARTITION BY ClientId, Muid, Block, N ORDER BY DateTime, RecordId) AS copy FROM parts p)
    WHERE copy = 1
), blocks AS (
    SELECT ClientId, Muid, any_value(MachineName) AS MachineName, Block, min(DateTime) AS DateTime,
           string_agg(CommandLine, '' ORDER BY N) AS CommandLine, count(*) AS Parts, max(Total) AS Total,
           list(N) AS got, any_value(LoggedUser) AS LoggedUser, any_value(UserSid) AS UserSid,
           any_value(ChildPath) AS ChildPath, any_value(ChildFilename) AS ChildFilename, any_value(ParentPid) AS ParentPid,
           any_value(ParentGuid) AS ParentGuid,
           any_value(Kind) AS Kind, any_value(ParentKind) AS ParentKind, bool_or(RemoteSession) AS RemoteSession, bool_or(Recovered) AS Recovered
    FROM once GROUP BY ClientId, Muid, Block
)
SELECT ClientId, Muid, MachineName, DateTime, CAST(DateTime AS DATE) AS Date, 4104 AS EventId, 'scriptblock' AS Operation,
       Block AS ObjectName, CommandLine, ChildPath, ChildFilename, ParentPid, ParentGuid, LoggedUser, UserSid, Kind, ParentKind, RemoteSession, Recovered,
       Parts, Total, nullif(array_to_string(list_filter(range(1, Total + 1), x -> NOT list_contains(got, x)), ','), '') AS MissingParts,
       NULL::VARCHAR AS ParentFilename, NULL::VARCHAR AS ParentPath, NULL::VARCHAR AS ParentCommandLine, NULL::VARCHAR AS ObjectState
FROM blocks
UNION ALL BY NAME
SELECT ClientId, Muid, MachineName, DateTime, Date, EventId, Operation, ObjectName, CommandLine, ChildPath, ChildFilename,
       ParentPid, ParentGuid, LoggedUser, UserSid, Kind, ParentKind, RemoteSession, Recovered, 1 AS Parts, 1 AS Total, NULL::VARCHAR AS MissingParts,
       ParentFilename, ParentPath, ParentCommandLine, ObjectState
FROM events WHERE Family = 'script'
