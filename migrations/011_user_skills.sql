-- What a signed-in person says about skills: known, learning or skip, on
-- the skill they marked (the mark counts for every career's skills on the
-- same topic; that is worked out from the content, not stored). Rows for
-- skills the content no longer has are ignored when read.
create table user_skills (
    user_id     bigint not null references users on delete cascade,
    career_slug text not null,
    skill_slug  text not null,
    status      text not null check (status in ('known', 'learning', 'skip')),
    updated_at  timestamptz not null default now(),
    primary key (user_id, career_slug, skill_slug)
);

-- The hours a week a person gives to learning (the plan's pace); no row
-- means the default.
create table user_pace (
    user_id        bigint primary key references users on delete cascade,
    hours_per_week smallint not null check (hours_per_week between 1 and 40),
    updated_at     timestamptz not null default now()
);

---- create above / drop below ----

drop table user_pace, user_skills;
