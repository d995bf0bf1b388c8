-- The Result Libraries count people, not only results, the way live
-- reliability does: a person is one client network (IPv4 /24, IPv6 /48,
-- as a keyed hash) on one day, so nine results sent from one place in a
-- day are nine results from one person.
--
-- library_clients holds who has counted today in each scope (a guide's
-- slug, or '' for the site-wide Library), and yesterday's for a batch
-- stored across midnight; rows of older days are deleted as results come
-- in (up to 1,000 a batch), so the table holds at most two rows a result
-- of the last two days and those still to be deleted, and a client
-- sending the same test again adds none.
create table library_clients (
    day         date not null,
    career_slug text not null,
    client      bytea not null,
    primary key (day, career_slug, client)
);

-- library_people holds, per scope, the results counted since people were
-- first counted (a result whose client is known) and how many people sent
-- them; sharded like the other counters. since is when the row was first
-- written: the earliest over a scope's shards is when its count began.
create table library_people (
    career_slug text not null,
    shard       smallint not null,
    results     bigint not null default 0,
    people      bigint not null default 0,
    since       timestamptz not null default now(),
    primary key (career_slug, shard)
) with (fillfactor = 50);

---- create above / drop below ----

drop table library_people, library_clients;
