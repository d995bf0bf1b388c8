-- name: DeleteOccupationSearch :exec
delete from occupation_search;

-- name: InsertOccupationSearch :copyfrom
insert into occupation_search (code, term, kind, employment, sources, norm) values ($1, $2, $3, $4, $5, $6);

-- name: FlushOccupationSearchIndexes :exec
-- Move the rows the sync wrote from the GIN pending lists into the
-- indexes, in one pass each (migration 018).
select gin_clean_pending_list('occupation_search_doc_idx'::regclass), gin_clean_pending_list('occupation_search_term_trgm_idx'::regclass);

-- name: SearchOccupations :many
-- Occupations whose names match q, best first, in four tiers:
--   3  a name is q exactly (norm, the normalized q: case and punctuation
--      aside), whatever its kind;
--   2  the O*NET title, a guide's name or a reported title holds every
--      word of q (English stemming: word forms match) or of joined (q's
--      words run together, "dev ops" as "devops");
--   1  an alternate title (or its short form) does;
--   0  close spellings: a name holding a stretch of trigram word
--      similarity 0.65 or more to q (pg_trgm.word_similarity_threshold,
--      which the search sets: at pg_trgm's default 0.6, "sensor operator"
--      is close to every "... Operator", 5,766 names). Looked for only when
--      fewer than 300 names match by words, at most 2,000 of them; and
--      when some name matches by words, kept only when close (0.6 and
--      up), so that "software engineer" does not list firefighters for
--      "Fire Engineer".
-- Within a tier a name scores how much of it q covers (its words) or how
-- similar it is (spellings), plus a little for its kind: the O*NET title,
-- then a guide's name, a reported title, and an alternate title by how
-- many of O*NET's sources list it. Occupations of one SOC code that match
-- in the same tier stay together, the general one (.00) first; equal
-- matches go by employment, the larger first.
-- Each way of matching is its own branch so that each uses its GIN index;
-- the spelling branch is skipped (a one-time filter) when words found
-- plenty. So one query scores at most the names holding its words and
-- 2,000 spellings.
with words as materialized (
    select code, term, norm, kind, sources, employment from occupation_search
    where doc @@ plainto_tsquery('english', sqlc.arg(q)::text) or doc @@ plainto_tsquery('english', sqlc.arg(joined)::text)
), spelled as (
    select code, term, kind, sources, employment from occupation_search
    where sqlc.arg(q)::text <% term
        and (select count(*) from (select from words limit 300) w) < 300
    limit 2000
), hits as (
    select code, employment, kind, sources,
        case when norm = sqlc.arg(norm)::text then 3 when kind < 3 then 2 else 1 end as tier,
        length(sqlc.arg(q)::text)::float8 / greatest(length(term), length(sqlc.arg(q)::text)) as closeness
    from words
    union all
    select code, employment, kind, sources, 0,
        0.8 * word_similarity(sqlc.arg(q)::text, term) + 0.2 * least(length(sqlc.arg(q)::text), length(term))::float8 / greatest(length(sqlc.arg(q)::text), length(term))
    from spelled
), best as (
    select distinct on (code) code, tier, closeness, employment,
        closeness + case when kind < 3 then 0.1 - 0.01 * kind else 0.01 * least(sources, 5) end as score
    from hits
    order by code, tier desc, score desc
), kept as (
    select * from best where tier > 0 or closeness >= 0.6 or not exists (select from best where tier > 0)
), ranked as (
    select code, tier, score,
        max(score) over (partition by left(code, 7), tier) as soc_score,
        max(employment) over (partition by left(code, 7), tier) as soc_employment
    from kept
)
select code::text from ranked
order by tier desc, round(soc_score::numeric, 2) desc, soc_employment desc, left(code, 7), (code like '%.00') desc, score desc, code
limit sqlc.arg(lim)::int;

-- name: NoSeqScan :exec
-- For the rest of the transaction, prefer indexes over scanning tables
-- whole, and take as close spellings names of trigram word similarity
-- 0.65 and up, as the search pool does.
select set_config('enable_seqscan', 'off', true), set_config('pg_trgm.word_similarity_threshold', '0.65', true);

-- name: SearchSettings :exec
-- What ConfigureSearchPool sets for a search connection's session, for
-- the rest of the transaction only (through a pooler in transaction mode,
-- a session is shared with other clients): generic plans, no whole-table
-- scans, PostgreSQL's own time limit in milliseconds, and the trigram
-- word similarity of a close spelling.
select set_config('plan_cache_mode', 'force_generic_plan', true),
    set_config('enable_seqscan', 'off', true),
    set_config('statement_timeout', sqlc.arg(timeout_ms)::text, true),
    set_config('pg_trgm.word_similarity_threshold', '0.65', true);
