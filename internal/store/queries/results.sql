-- name: InsertResult :exec
insert into quiz_results (id, career_slug, answers, scores, match_pct, holland, level_key, user_id, percentile)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9);

-- name: BumpHistogram :exec
insert into result_histogram (career_slug, bucket, shard, results) values ($1, $2, $3, 1)
on conflict (career_slug, bucket, shard) do update set results = result_histogram.results + 1;

-- name: BumpHolland :exec
insert into result_holland (career_slug, holland, shard, results) values ($1, $2, $3, 1)
on conflict (career_slug, holland, shard) do update set results = result_holland.results + 1;

-- name: BumpLevel :exec
insert into result_levels (career_slug, level_key, shard, results, match_sum) values ($1, $2, $3, 1, sqlc.arg(match)::float8)
on conflict (career_slug, level_key, shard) do update
set results = result_levels.results + 1, match_sum = result_levels.match_sum + excluded.match_sum;

-- name: GetResult :one
select id, career_slug, answers, scores, match_pct, holland, level_key, user_id, created_at, percentile
from quiz_results where id = $1;

-- name: Histogram :many
select bucket, sum(results)::bigint as results from result_histogram
where career_slug = $1 group by bucket order by bucket;

-- name: HollandCounts :many
select holland, sum(results)::bigint as results from result_holland
where career_slug = $1 group by holland order by results desc, holland limit sqlc.arg(max_rows)::int;

-- name: LevelStats :many
select level_key, sum(results)::bigint as results, sum(match_sum)::float8 as match_sum from result_levels
where career_slug = $1 group by level_key order by level_key;
