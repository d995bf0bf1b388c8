-- Occupation search also finds O*NET's alternate titles (kind 3) and their
-- short forms ("ER Nurse"), about 60,000 more rows. sources says how many of
-- O*NET's sources list an alternate title (0 for the other kinds): of two
-- occupations that go by the same title, the one more sources name it for
-- ranks first ("CNA" is Nursing Assistants' before Home Health Aides').
alter table occupation_search add column sources smallint not null default 0;

-- The term as an exact match compares it: lower case, every run of other
-- characters than a-z and 0-9 one space, no space at either end
-- ("Full-Stack Developer" is "full stack developer"). The search builds the
-- same form of the query (finder's Normalize).
alter table occupation_search add column norm text not null
    generated always as (trim(regexp_replace(lower(term), '[^a-z0-9]+', ' ', 'g'))) stored;

comment on column occupation_search.kind is '0 the O*NET title, 1 a guide''s name, 2 a reported title, 3 an alternate title or its short form';

---- create above / drop below ----

delete from occupation_search where kind = 3;
alter table occupation_search drop column norm;
alter table occupation_search drop column sources;
