-- The site-wide Result Library and the reliability of the match test.
--
-- Each result records the O*NET occupation it matches best across the
-- whole catalog (null for a profile too flat to rank, and for results
-- stored before this migration).
alter table quiz_results add column top_occupation text;

-- Site-wide counters, maintained in the same statement as each result:
-- kind 'c' a Holland code, 'o' a best-matching occupation (O*NET-SOC code),
-- 'f' a result whose interests did not separate (key ''), which is counted
-- in neither of the others. Counted from this migration on.
create table result_site (
    kind    char(1) not null check (kind in ('c', 'o', 'f')),
    key     text not null,
    shard   smallint not null,
    results bigint not null default 0,
    primary key (kind, key, shard)
) with (fillfactor = 50);

-- A guide's Library counts a flat result (six scores within 1.5 points:
-- quiz.Flat) under the code '---', not its Holland code, which is a
-- tie-break. Results stored before are moved there.
with flat as (
    select career_slug, holland, count(*) as n from quiz_results
    where (select max(s) - min(s) from unnest(scores) s) < 1.5
    group by career_slug, holland
)
insert into result_holland (career_slug, holland, shard, results)
select career_slug, holland, 0, -n from flat
union all
select career_slug, '---', 0, sum(n) from flat group by career_slug
on conflict (career_slug, holland, shard) do update set results = result_holland.results + excluded.results;

-- Site-wide groups record their clients as the guides' groups do, under
-- the career slug '' (no guide has an empty slug).
alter table result_group_clients drop constraint result_group_clients_kind_check;
alter table result_group_clients add constraint result_group_clients_kind_check check (kind in ('h', 'c', 'l', 'o', 'f'));

-- Running sums for each interest scale's Cronbach's alpha, per layout of
-- the statements (one letter a statement, lower case when reverse-keyed):
-- sums holds, for k statements, Σx_1..Σx_k, Σx_1²..Σx_k², then for the six
-- scales Σtotal and Σtotal², answers counted as scored. Sharded like the
-- other counters; updated_at is when a result last changed the row.
create table result_moments (
    layout     text not null,
    shard      smallint not null,
    results    bigint not null default 0,
    sums       bigint[] not null,
    updated_at timestamptz not null default now(),
    primary key (layout, shard)
) with (fillfactor = 50);

-- Element-wise sum of two equally long arrays.
create function add_bigint_arrays(a bigint[], b bigint[]) returns bigint[]
language sql immutable strict parallel safe
as $$ select array_agg(x + y order by i) from unnest(a, b) with ordinality as u (x, y, i) $$;

---- create above / drop below ----

insert into result_holland (career_slug, holland, shard, results)
select career_slug, holland, 0, count(*) from quiz_results
where (select max(s) - min(s) from unnest(scores) s) < 1.5
group by career_slug, holland
on conflict (career_slug, holland, shard) do update set results = result_holland.results + excluded.results;
delete from result_holland where holland = '---';
delete from result_group_clients where kind = 'c' and key = '---';

drop function add_bigint_arrays(bigint[], bigint[]);
drop table result_moments, result_site;
delete from result_group_clients where kind in ('o', 'f') or career_slug = '';
alter table result_group_clients drop constraint result_group_clients_kind_check;
alter table result_group_clients add constraint result_group_clients_kind_check check (kind in ('h', 'c', 'l'));
alter table quiz_results drop column top_occupation;
