-- name: SaveResult :exec
-- The result and its three counters in one statement: one round trip, one
-- (implicit) transaction.
with ins as (
    insert into quiz_results (id, career_slug, answers, scores, match_pct, holland, level_key, user_id, percentile)
    values (@id, @career_slug, @answers, @scores, @match_pct, @holland, sqlc.narg(level_key)::text, sqlc.narg(user_id), @percentile)
), hist as (
    insert into result_histogram (career_slug, bucket, shard, results) values (@career_slug, @bucket, @shard, 1)
    on conflict (career_slug, bucket, shard) do update set results = result_histogram.results + 1
), code as (
    insert into result_holland (career_slug, holland, shard, results) values (@career_slug, @holland, @shard, 1)
    on conflict (career_slug, holland, shard) do update set results = result_holland.results + 1
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
-- 'c' (Holland code), 'l' (level); shards summed.
select 'h'::text as kind, h.bucket::text as key, sum(h.results)::bigint as results, 0::float8 as match_sum
from result_histogram h where h.career_slug = @career_slug::text group by h.bucket
union all
select 'c', c.holland::text, sum(c.results)::bigint, 0 from result_holland c where c.career_slug = @career_slug::text group by c.holland
union all
select 'l', l.level_key, sum(l.results)::bigint, sum(l.match_sum)::float8 from result_levels l where l.career_slug = @career_slug::text group by l.level_key;

-- name: SigningKey :one
select secret from signing_keys where name = $1;

-- name: ResultExists :one
select exists (select 1 from quiz_results where id = $1);
