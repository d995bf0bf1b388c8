-- name: SaveBatch :exec
-- A batch of results with their counters, in one statement: one round
-- trip, one (implicit) transaction, one commit. The store adds the batch's
-- counters up before sending them (one row per counter, every counter on
-- the batch's @shard), sorted, so concurrent batches lock shared rows in
-- the same order. Arrays go in as array literals (@answers, @scores,
-- @moment_sums: one text per row); an empty string or 0 stands for null in
-- @level_keys, @top_occupations and @user_ids. A group records at most
-- @min_clients clients. @people_slugs counts, per scope (a guide, '' for
-- the site), the results whose client is known, and @met_slugs/@met_clients
-- their distinct clients (see migration 017).
with ins as (
    insert into quiz_results (id, career_slug, answers, scores, match_pct, holland, level_key, user_id, percentile, top_occupation, layout)
    select r.id, r.career_slug,
        r.answers::smallint[], r.scores::real[],
        r.match_pct, r.holland, nullif(r.level_key, ''), nullif(r.user_id, 0), r.percentile, nullif(r.top_occupation, ''), r.layout
    from (select unnest(@ids::text[]) as id, unnest(@career_slugs::text[]) as career_slug, unnest(@match_pcts::float8[]) as match_pct,
        unnest(@hollands::text[]) as holland, unnest(@level_keys::text[]) as level_key, unnest(@user_ids::bigint[]) as user_id,
        unnest(@percentiles::smallint[]) as percentile, unnest(@top_occupations::text[]) as top_occupation,
        unnest(@answers::text[]) as answers, unnest(@scores::text[]) as scores, unnest(@layouts::text[]) as layout) r
), old_alpha as (
    delete from alpha_clients where day < @alpha_before::date
), fresh as (
    insert into alpha_clients (day, layout, client)
    select @alpha_day::date, a.layout, a.client
    from (select unnest(@alpha_layouts::text[]) as layout, unnest(@alpha_clients::bytea[]) as client) a
    on conflict do nothing
    returning layout, client
), alpha as (
    insert into alpha_moments (layout, shard, people, sums)
    select f.layout, @shard, count(*), sum_bigint_arrays(a.sums::bigint[])
    from fresh f join (select unnest(@alpha_layouts::text[]) as layout, unnest(@alpha_clients::bytea[]) as client,
        unnest(@alpha_sums::text[]) as sums) a on a.layout = f.layout and a.client = f.client
    group by f.layout
    on conflict (layout, shard) do update
    set people = alpha_moments.people + excluded.people, sums = add_bigint_arrays(alpha_moments.sums, excluded.sums), updated_at = now()
), old_met as (
    -- At most 1,000 rows of older days a batch, so the first batch of a
    -- day does not carry the deletion of a whole day's rows.
    delete from library_clients d
    using (select day, career_slug, client from library_clients where day < @alpha_before::date limit 1000) o
    where d.day = o.day and d.career_slug = o.career_slug and d.client = o.client
), met as (
    -- Each (scope, client) once in @met_slugs/@met_clients, sorted: a
    -- client met for the first time today in a scope is a new person there.
    insert into library_clients (day, career_slug, client)
    select @alpha_day::date, m.slug, m.client
    from (select unnest(@met_slugs::text[]) as slug, unnest(@met_clients::bytea[]) as client) m
    order by m.slug, m.client
    on conflict do nothing
    returning career_slug
), people as (
    insert into library_people (career_slug, shard, results, people)
    select p.slug, @shard, p.results, (select count(*) from met where met.career_slug = p.slug)
    from (select unnest(@people_slugs::text[]) as slug, unnest(@people_results::bigint[]) as results) p
    on conflict (career_slug, shard) do update
    set results = library_people.results + excluded.results, people = library_people.people + excluded.people
), hist as (
    insert into result_histogram (career_slug, bucket, shard, results)
    select unnest(@hist_slugs::text[]), unnest(@hist_buckets::smallint[]), @shard, unnest(@hist_results::bigint[])
    on conflict (career_slug, bucket, shard) do update set results = result_histogram.results + excluded.results
), code as (
    insert into result_holland (career_slug, holland, shard, results)
    select unnest(@code_slugs::text[]), unnest(@codes::text[]), @shard, unnest(@code_results::bigint[])
    on conflict (career_slug, holland, shard) do update set results = result_holland.results + excluded.results
), site as (
    insert into result_site (kind, key, shard, results)
    select unnest(@site_kinds::text[]), unnest(@site_keys::text[]), @shard, unnest(@site_results::bigint[])
    on conflict (kind, key, shard) do update set results = result_site.results + excluded.results
), levels as (
    insert into result_levels (career_slug, level_key, shard, results, match_sum)
    select unnest(@level_slugs::text[]), unnest(@level_level_keys::text[]), @shard, unnest(@level_results::bigint[]), unnest(@level_match_sums::float8[])
    on conflict (career_slug, level_key, shard) do update
    set results = result_levels.results + excluded.results, match_sum = result_levels.match_sum + excluded.match_sum
), moments as (
    insert into result_moments (layout, shard, results, sums)
    select unnest(@moment_layouts::text[]), @shard, unnest(@moment_results::bigint[]), unnest(@moment_sums::text[])::bigint[]
    on conflict (layout, shard) do update
    set results = result_moments.results + excluded.results, sums = add_bigint_arrays(result_moments.sums, excluded.sums), updated_at = now()
)
insert into result_group_clients (career_slug, kind, key, client)
select g.slug, g.kind, g.key, g.client
from (
    select g.slug, g.kind, g.key, g.client, row_number() over (partition by g.slug, g.kind, g.key order by g.client) as nth
    from (select unnest(@client_slugs::text[]) as slug, unnest(@client_kinds::text[]) as kind,
        unnest(@client_keys::text[]) as key, unnest(@clients::bytea[]) as client) g
    where not exists (select 1 from result_group_clients k where k.career_slug = g.slug and k.kind = g.kind::bpchar and k.key = g.key and k.client = g.client)
) g
where (select count(*) from result_group_clients k where k.career_slug = g.slug and k.kind = g.kind::bpchar and k.key = g.key) + g.nth <= @min_clients::int
order by g.slug, g.kind, g.key, g.client
on conflict do nothing;

-- name: GetResult :one
select id, career_slug, answers, scores, match_pct, holland, level_key, user_id, created_at, percentile, top_occupation, layout
from quiz_results where id = $1;

-- name: LibraryCounters :many
-- Every counter of a career in one round trip: kind 'h' (histogram bucket),
-- 'c' (Holland code), 'l' (level); shards summed; with the number of
-- distinct clients recorded for the group (at most the threshold). Kind
-- 'p' (one row once a result counted its sender) is who sent the results:
-- results counted since people were, people in clients, and the UTC day
-- the count began (YYYY-MM-DD) as key; read in the same statement, so it
-- never counts a result the other counters do not.
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
from counters n left join clients k on k.kind = n.kind and k.key = n.key
union all
select 'p', to_char(min(p.since) at time zone 'UTC', 'YYYY-MM-DD'), sum(p.results)::bigint, 0, sum(p.people)::bigint
from library_people p where p.career_slug = @career_slug::text having count(*) > 0;

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

-- name: StoredResults :many
-- The ids among ids whose results are stored.
select id from quiz_results where id = any(@ids::text[]);

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
-- threshold); and kind 'p', who sent the results, as in LibraryCounters.
with clients as (
    select k.kind::text as kind, k.key, count(*)::bigint as clients
    from result_group_clients k where k.career_slug = '' group by k.kind, k.key
), counters as (
    select s.kind::text as kind, s.key, sum(s.results)::bigint as results from result_site s group by s.kind, s.key
)
select n.kind, n.key, n.results, coalesce(k.clients, 0)::bigint as clients
from counters n left join clients k on k.kind = n.kind and k.key = n.key
union all
select 'p', to_char(min(p.since) at time zone 'UTC', 'YYYY-MM-DD'), sum(p.results)::bigint, sum(p.people)::bigint
from library_people p where p.career_slug = '' having count(*) > 0;

-- name: ResultMoments :many
-- The running sums of one layout of the statements, one row a shard.
select results, sums from result_moments where layout = @layout::text;

-- name: LastResultAt :one
-- When a result was last stored (since migration 012), or null.
select max(updated_at)::timestamptz from result_moments;

-- name: PreviousResult :one
-- The same person's latest result for the career before the given one:
-- theirs by account, or by the ids their browser holds.
select id, career_slug, answers, scores, match_pct, holland, level_key, user_id, created_at, percentile, top_occupation, layout
from quiz_results
where career_slug = @career_slug and id <> @id and created_at < @before
and (user_id = sqlc.narg(user_id) or id = any(@ids::text[]))
order by created_at desc, id desc
limit 1;

-- name: AlphaMoments :many
-- The running sums of live reliability for one layout, one row a shard.
select people, sums from alpha_moments where layout = @layout::text;
