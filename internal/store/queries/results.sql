-- name: SaveResults :batchexec
-- The result, its counters (the guide's, the site's and the running sums
-- of the reliability figures) and its client in the groups it joins, in
-- one statement: one round trip, one (implicit) transaction. A group
-- records at most @min_clients clients; a null client records none. A
-- flat result counts site-wide only as 'f': not under its Holland code
-- (a tie-break) nor under an occupation; in its guide's counters under
-- @guide_code, the code '---' (see migration 012). @moments holds the summed running
-- sums of @moment_results results (the store adds a batch's up and sends
-- them with one of its results; null with the others).
with ins as (
    insert into quiz_results (id, career_slug, answers, scores, match_pct, holland, level_key, user_id, percentile, top_occupation)
    values (@id, @career_slug, @answers, @scores, @match_pct, @holland, sqlc.narg(level_key)::text, sqlc.narg(user_id), @percentile, sqlc.narg(top_occupation)::text)
), hist as (
    insert into result_histogram (career_slug, bucket, shard, results) values (@career_slug, @bucket, @shard, 1)
    on conflict (career_slug, bucket, shard) do update set results = result_histogram.results + 1
), code as (
    insert into result_holland (career_slug, holland, shard, results) values (@career_slug, @guide_code::text, @shard, 1)
    on conflict (career_slug, holland, shard) do update set results = result_holland.results + 1
), site as (
    insert into result_site (kind, key, shard, results)
    select g.kind, g.key, @shard, 1
    from (values ('c', @holland::text), ('o', sqlc.narg(top_occupation)::text), ('f', '')) as g (kind, key)
    where g.key is not null and (g.kind = 'f') = @flat::bool
    on conflict (kind, key, shard) do update set results = result_site.results + 1
), moments as (
    insert into result_moments (layout, shard, results, sums)
    select @layout::text, @shard, @moment_results::bigint, sqlc.narg(moments)::bigint[] where sqlc.narg(moments)::bigint[] is not null
    on conflict (layout, shard) do update
    set results = result_moments.results + excluded.results, sums = add_bigint_arrays(result_moments.sums, excluded.sums), updated_at = now()
), clients as (
    insert into result_group_clients (career_slug, kind, key, client)
    select g.slug, g.kind, g.key, sqlc.narg(client)::bytea
    from (values
        (@career_slug::text, 'h', (@bucket::smallint)::text), (@career_slug, 'c', @guide_code::text),
        (@career_slug, 'l', coalesce(sqlc.narg(level_key)::text, '')),
        ('', 'c', @holland::text), ('', 'o', sqlc.narg(top_occupation)::text), ('', 'f', '')
    ) as g (slug, kind, key)
    where sqlc.narg(client)::bytea is not null and g.key is not null
    and (g.slug <> '' or (g.kind = 'f') = @flat::bool)
    and (select count(*) from result_group_clients k where k.career_slug = g.slug and k.kind = g.kind::bpchar and k.key = g.key) < @min_clients::int
    on conflict do nothing
)
insert into result_levels (career_slug, level_key, shard, results, match_sum)
values (@career_slug, coalesce(sqlc.narg(level_key)::text, ''), @shard, 1, @match_pct::float8)
on conflict (career_slug, level_key, shard) do update
set results = result_levels.results + 1, match_sum = result_levels.match_sum + excluded.match_sum;

-- name: GetResult :one
select id, career_slug, answers, scores, match_pct, holland, level_key, user_id, created_at, percentile, top_occupation
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

-- name: SiteLibraryCounters :many
-- Every site-wide counter in one round trip: kind 'c' (Holland code), 'o'
-- (best-matching occupation), 'f' (interests did not separate); shards
-- summed; with the distinct clients recorded for the group (at most the
-- threshold).
with clients as (
    select k.kind::text as kind, k.key, count(*)::bigint as clients
    from result_group_clients k where k.career_slug = '' group by k.kind, k.key
), counters as (
    select s.kind::text as kind, s.key, sum(s.results)::bigint as results from result_site s group by s.kind, s.key
)
select n.kind, n.key, n.results, coalesce(k.clients, 0)::bigint as clients
from counters n left join clients k on k.kind = n.kind and k.key = n.key;

-- name: ResultMoments :many
-- The running sums of one layout of the statements, one row a shard.
select results, sums from result_moments where layout = @layout::text;

-- name: LastResultAt :one
-- When a result was last stored (since migration 012), or null.
select max(updated_at)::timestamptz from result_moments;

-- name: PreviousResult :one
-- The same person's latest result for the career before the given one:
-- theirs by account, or by the ids their browser holds.
select id, career_slug, answers, scores, match_pct, holland, level_key, user_id, created_at, percentile, top_occupation
from quiz_results
where career_slug = @career_slug and id <> @id and created_at < @before
and (user_id = sqlc.narg(user_id) or id = any(@ids::text[]))
order by created_at desc, id desc
limit 1;
