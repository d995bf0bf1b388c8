-- Occupation search: one row per name an occupation goes by (its O*NET
-- title, each of O*NET's reported job titles, and the name of a guide filed
-- under it), replaced by the content sync in the same transaction as the
-- content documents. Found by full text (English stemming) and by trigram
-- similarity, so that word forms and typos still find the occupation.
create extension if not exists pg_trgm;

create table occupation_search (
    code       text not null,  -- O*NET-SOC code, "15-1252.00"
    term       text not null,  -- a title the occupation goes by
    kind       smallint not null, -- 0 the O*NET title, 1 a guide's name, 2 a reported title
    employment bigint not null, -- BLS employment of its SOC code (0 unknown): orders equal matches
    doc        tsvector generated always as (to_tsvector('english', term)) stored,
    primary key (code, term)
);

-- fastupdate off: the sync writes every row at once, and rows left in a GIN
-- pending list are scanned one by one (the planner then skips the index).
create index occupation_search_doc_idx on occupation_search using gin (doc) with (fastupdate = off);
-- Trigrams are case-blind already: the index is on the term itself.
create index occupation_search_term_trgm_idx on occupation_search using gin (term gin_trgm_ops) with (fastupdate = off);

---- create above / drop below ----

drop table occupation_search;
drop extension if exists pg_trgm;
