-- A random key shared by every instance, for signing small cookies (the
-- list of results a visitor took before signing up).
create table signing_keys (
    name       text primary key,
    secret     text not null check (length(secret) >= 64),
    created_at timestamptz not null default now()
);

insert into signing_keys (name, secret)
values ('cookies', replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

---- create above / drop below ----

drop table signing_keys;
