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

---- create above / drop below ----

drop table user_sessions;
