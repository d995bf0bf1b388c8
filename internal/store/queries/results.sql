-- name: SaveResults :batchexec
-- The result, its three counters and its client in the groups it joins,
-- in one statement: one round trip, one (implicit) transaction. A group
-- records at most @min_clients clients; a null client records none.
with ins as (
    insert into quiz_results (id, career_slug, answers, scores, match_pct, holland, level_key, user_id, percentile)
    values (@id, @career_slug, @answers, @scores, @match_pct, @holland, sqlc.narg(level_key)::text, sqlc.narg(user_id), @percentile)
), hist as (
    insert into result_histogram (career_slug, bucket, shard, results) values (@career_slug, @bucket, @shard, 1)
    on conflict (career_slug, bucket, shard) do update set results = result_histogram.results + 1
), code as (
    insert into result_holland (career_slug, holland, shard, results) values (@career_slug, @holland, @shard, 1)
    on conflict (career_slug, holland, shard) do update set results = result_holland.results + 1
), clients as (
    insert into result_group_clients (career_slug, kind, key, client)
    select @career_slug, g.kind, g.key, sqlc.narg(client)::bytea
    from (values ('h', (@bucket::smallint)::text), ('c', @holland::text), ('l', coalesce(sqlc.narg(level_key)::text, ''))) as g (kind, key)
    where sqlc.narg(client)::bytea is not null
    and (select count(*) from result_group_clients k where k.career_slug = @career_slug and k.kind = g.kind and k.key = g.key) < @min_clients::int
    on conflict do nothing
)
insert into result_levels (career_slug, level_key, shard, results, match_sum)
values (@career_slug, coalesce(sqlc.narg(level_key)::text, ''), @shard, 1, @match_pct::float8)
on conflict (career_slug, level_key, shard) do update
set results = result_levels.results + 1, match_sum = result_levels.match_sum + excluded.match_sum;

-- name: GetResult :one
select id, career_slug, answers, scores, match_pct, holland, level_key, user_id, created_at, percentile
from quiz_results where id = $1;

-- name: LibraryCounters :many
-- Every counter of a career in one round trip: kind 'h' (histogram bucket),
-- 'c' (Holland code), 'l' (level); shards summed; with the number of
-- distinct clients recorded for the group (at most the threshold).
with clients as (
    select k.kind::text as kind, k.key, count(*)::bigint as clients
    from result_group_clients k where k.career_slug = @career_slug::text group by k.kind, k.key
), counters as (
    select 'h'::text as kind, h.bucket::text as key, sum(h.results)::bigint as results, 0::float8 as match_sum
    from result_histogram h where h.career_slug = @career_slug::text group by h.bucket
    union all
    select 'c', c.holland::text, sum(c.results)::bigint, 0 from result_holland c where c.career_slug = @career_slug::text group by c.holland
    union all
    select 'l', l.level_key, sum(l.results)::bigint, sum(l.match_sum)::float8 from result_levels l where l.career_slug = @career_slug::text group by l.level_key
)
select n.kind, n.key, n.results, n.match_sum, coalesce(k.clients, 0)::bigint as clients
from counters n left join clients k on k.kind = n.kind and k.key = n.key;

-- name: ClientKey :one
-- The secret of a period's client key, stored with fresh when missing;
-- the keys of earlier periods are deleted. No row: another instance
-- created it in the same instant (read it again).
with old as (
    delete from signing_keys where name like 'clients/%' and name < @name::text
), created as (
    insert into signing_keys (name, secret) values (@name::text, @fresh::text)
    on conflict (name) do nothing
    returning secret
)
select secret from created
union all
select secret from signing_keys where name = @name::text;

-- name: SigningKey :one
select secret from signing_keys where name = $1;

-- name: ResultExists :one
select exists (select 1 from quiz_results where id = $1);

-- name: EarlierResults :one
-- How many results of the career were stored before the given time,
-- counted up to a cap so a large table is never counted through.
select count(*) from (
    select 1 from quiz_results
    where career_slug = @career_slug and created_at < @before
    limit @cap::int
) earlier;

-- name: PreviousResult :one
-- The same person's latest result for the career before the given one:
-- theirs by account, or by the ids their browser holds.
select id, career_slug, answers, scores, match_pct, holland, level_key, user_id, created_at, percentile
from quiz_results
where career_slug = @career_slug and id <> @id and created_at < @before
and (user_id = sqlc.narg(user_id) or id = any(@ids::text[]))
order by created_at desc, id desc
limit 1;
