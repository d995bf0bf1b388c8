-- name: DeleteOccupationSearch :exec
delete from occupation_search;

-- name: InsertOccupationSearch :copyfrom
insert into occupation_search (code, term, kind, employment) values ($1, $2, $3, $4);

-- name: SearchOccupations :many
-- Occupations whose names match q, best first. A name scores 1 for an
-- exact match, 0.6-0.9 when it holds every word of q (stemmed), and up to
-- 0.8 by trigram word similarity (typos); O*NET titles rank a little above
-- guide names, guide names above reported titles. Occupations of one SOC
-- code stay together, the SOC code's general occupation (.00) first; equal
-- matches go by employment, the larger first.
-- Each way of matching is its own branch so that each uses its GIN index.
with cand as (
    select code, term from occupation_search where doc @@ plainto_tsquery('english', sqlc.arg(q)::text)
    union
    select code, term from occupation_search where term % sqlc.arg(q)::text
    union
    select code, term from occupation_search where sqlc.arg(q)::text <% term
), hits as (
    select s.code, s.employment,
        greatest(
            case when lower(s.term) = lower(sqlc.arg(q)::text) then 1.0 else 0 end,
            case when s.doc @@ plainto_tsquery('english', sqlc.arg(q)::text) then 0.6 + 0.3 * similarity(sqlc.arg(q)::text, s.term) else 0 end,
            0.8 * word_similarity(sqlc.arg(q)::text, s.term)
        ) - 0.02 * s.kind as score
    from cand join occupation_search s using (code, term)
), codes as (
    select code, max(score) as score, max(employment) as employment from hits group by code
), ranked as (
    select code, score,
        max(score) over (partition by left(code, 7)) as soc_score,
        max(employment) over (partition by left(code, 7)) as soc_employment
    from codes
)
select code::text from ranked
order by round(soc_score::numeric, 2) desc, soc_employment desc, left(code, 7), (code like '%.00') desc, score desc, code
limit sqlc.arg(lim)::int;

-- name: NoSeqScan :exec
-- For the rest of the transaction, prefer indexes over scanning tables whole.
select set_config('enable_seqscan', 'off', true);

-- name: SearchSettings :exec
-- What ConfigureSearchPool sets for a search connection's session, for
-- the rest of the transaction only (through a pooler in transaction mode,
-- a session is shared with other clients): generic plans, no whole-table
-- scans, and PostgreSQL's own time limit in milliseconds.
select set_config('plan_cache_mode', 'force_generic_plan', true),
    set_config('enable_seqscan', 'off', true),
    set_config('statement_timeout', sqlc.arg(timeout_ms)::text, true);
