-- name: WALPosition :one
-- Where the primary's write-ahead log is written up to, in bytes: every
-- transaction committed before the call is at or below it. A standby that
-- replayed up to it holds those commits.
select (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint as position;

-- name: StandbyReplay :one
-- On a standby: whether it is one (in recovery), the position its replay
-- reached (0 when it is not a standby) and how long ago the primary
-- committed the last transaction it replayed, in seconds (-1 when it has
-- replayed none since it started).
select pg_is_in_recovery() as in_recovery,
    coalesce((pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint, 0)::bigint as replayed,
    coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()), -1)::float8 as replay_age;
