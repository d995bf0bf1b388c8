-- Occupations are searched in memory now, on an index made from each
-- content snapshot (internal/finder): the search table, its indexes and
-- the trigram extension it needed are no longer used.
drop table occupation_search;
drop extension if exists pg_trgm;

---- create above / drop below ----

-- Back to migration 018's table, empty: the content sync of the version
-- that reads it writes its rows again (its content format differs).
create extension if not exists pg_trgm;

create table occupation_search (
    code       text not null,
    term       text not null,
    kind       smallint not null,
    employment bigint not null,
    doc        tsvector generated always as (to_tsvector('english', term)) stored,
    sources    smallint not null default 0,
    norm       text not null default '',
    primary key (code, term)
);
comment on column occupation_search.kind is '0 the O*NET title, 1 a guide''s name, 2 a reported title, 3 an alternate title or its short form';
create index occupation_search_doc_idx on occupation_search using gin (doc) with (fastupdate = on);
create index occupation_search_term_trgm_idx on occupation_search using gin (term gin_trgm_ops) with (fastupdate = on);
