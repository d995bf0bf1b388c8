-- Which sessions are signed in to which account, so that a password change
-- signs the account out everywhere else and a deleted account leaves no
-- session behind. A row is written at login and sign-up, once the session
-- row exists, and goes with its session (logout, token renewal, expiry).
create table user_sessions (
    token      text primary key references sessions on delete cascade,
    user_id    bigint not null references users on delete cascade,
    created_at timestamptz not null default now()
);

create index user_sessions_user_idx on user_sessions (user_id);

-- The Result Library shows a group (a match band, a Holland code, a level)
-- only when its results came from at least 5 different client networks,
-- so that sending the test several times from one place cannot reveal a
-- hidden group. A client is a keyed hash of its network (an IPv4 address
-- or an IPv6 /64), never the address; the key changes every period and the
-- old one is deleted (signing_keys 'clients/<period>'), so stored hashes
-- cannot be tied to addresses afterwards. A group keeps at most 5 clients:
-- enough to know it may be shown.
create table result_group_clients (
    career_slug text not null,
    kind        char(1) not null check (kind in ('h', 'c', 'l')),
    key         text not null,
    client      bytea not null,
    primary key (career_slug, kind, key, client)
);

-- Groups shown before clients were counted stay shown: five placeholder
-- clients (2 bytes, unlike any hash) for each group of 5 results or more.
insert into result_group_clients (career_slug, kind, key, client)
select g.career_slug, g.kind, g.key, int2send(n::int2)
from (
    select career_slug, 'h' as kind, bucket::text as key from result_histogram group by career_slug, bucket having sum(results) >= 5
    union all
    select career_slug, 'c', holland::text from result_holland group by career_slug, holland having sum(results) >= 5
    union all
    select career_slug, 'l', level_key from result_levels group by career_slug, level_key having sum(results) >= 5
) g
cross join generate_series(1, 5) n;

---- create above / drop below ----

drop table result_group_clients, user_sessions;
delete from signing_keys where name like 'clients/%';
