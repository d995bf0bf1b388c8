-- Occupation search also finds O*NET's alternate titles (kind 3) and their
-- short forms ("ER Nurse"), about 60,000 more rows. sources says how many of
-- O*NET's sources list an alternate title (0 for the other kinds): of two
-- occupations that go by the same title, the one more sources name it for
-- ranks first ("CNA" is Nursing Assistants' before Home Health Aides').
alter table occupation_search add column sources smallint not null default 0;

-- The term as an exact match compares it: lower case, every run of other
-- characters than a-z and 0-9 one space, no space at either end
-- ("Full-Stack Developer" is "full stack developer"). The sync writes it
-- and the search makes the query's the same way (store.normalize).
alter table occupation_search add column norm text not null default '';

comment on column occupation_search.kind is '0 the O*NET title, 1 a guide''s name, 2 a reported title, 3 an alternate title or its short form';

-- The content sync writes every row at once, now about 61,000: inserted
-- one by one into GIN indexes without a pending list (migration 010's
-- fastupdate off) that took 10 to 20 seconds, delaying start-up; into the
-- pending list, which the sync then empties in the same transaction
-- (gin_clean_pending_list) in one pass, it takes about 2. No search sees a
-- pending list: the rows become visible when the sync commits, emptied.
alter index occupation_search_doc_idx set (fastupdate = on);
alter index occupation_search_term_trgm_idx set (fastupdate = on);

---- create above / drop below ----

alter index occupation_search_term_trgm_idx set (fastupdate = off);
alter index occupation_search_doc_idx set (fastupdate = off);

delete from occupation_search where kind = 3;
alter table occupation_search drop column norm;
alter table occupation_search drop column sources;
