-- Content: careers and everything a career page shows. Rewritten as a whole
-- by the content sync (one transaction) whenever content/ changes.

create table content_state (
    id        boolean primary key default true check (id),
    hash      text not null,
    synced_at timestamptz not null default now()
);

create table riasec_types (
    letter   char(1) primary key check (letter in ('R', 'I', 'A', 'S', 'E', 'C')),
    position smallint not null unique,
    name     text not null,
    summary  text not null,
    source   jsonb not null
);

create table careers (
    slug                 text primary key check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    position             integer not null,
    name                 text not null,
    tagline              text not null,
    summary              text not null,
    overview_html        text not null,
    soc_code             text not null,
    onet_code            text not null,
    holland_code         text not null,
    interests_source     jsonb not null,
    projection_note_html text not null,
    projection_pay       jsonb not null,
    market_occupation    text not null,
    market_growth_pct    integer not null,
    market_growth_period text not null,
    market_source        jsonb not null,
    day_intro_html       text not null,
    remote_html          text not null,
    oncall_html          text not null,
    worklife_source      jsonb
);

-- The career's O*NET interest profile, 1-7 scale.
create table career_interests (
    career_slug text not null references careers on delete cascade,
    letter      char(1) not null references riasec_types,
    score       numeric(3, 2) not null check (score between 1 and 7),
    primary key (career_slug, letter)
);

-- The ladder, with the salary bands of each level (whole US dollars a year).
create table levels (
    career_slug           text not null references careers on delete cascade,
    key                   text not null,
    rank                  smallint not null check (rank > 0),
    title                 text not null,
    short                 text not null,
    years_min             smallint not null check (years_min >= 0),
    years_max             smallint check (years_max > years_min),
    base_min              integer not null check (base_min > 0),
    base_max              integer not null check (base_max >= base_min),
    equity_min            integer not null check (equity_min > 0),
    equity_max            integer not null check (equity_max >= equity_min),
    top_min               integer not null check (top_min > 0),
    top_max               integer not null check (top_max >= top_min),
    pay                   jsonb not null,
    summary               text not null,
    responsibilities_html text not null,
    primary key (career_slug, key),
    unique (career_slug, rank)
);

create table level_examples (
    career_slug text not null,
    level_key   text not null,
    position    smallint not null,
    text        text not null,
    primary key (career_slug, level_key, position),
    foreign key (career_slug, level_key) references levels on delete cascade
);

create table salary_projection (
    career_slug  text not null references careers on delete cascade,
    year         smallint not null check (year > 0),
    stage        text not null,
    conservative integer not null check (conservative > 0),
    aggressive   integer not null check (aggressive >= conservative),
    primary key (career_slug, year)
);

create table market_percentiles (
    career_slug text not null references careers on delete cascade,
    percentile  smallint not null check (percentile between 1 and 99),
    annual      integer not null check (annual > 0),
    primary key (career_slug, percentile)
);

create table skills (
    career_slug       text not null references careers on delete cascade,
    slug              text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    position          smallint not null,
    name              text not null,
    level_key         text not null,
    summary           text not null,
    how_to_learn_html text not null,
    boost_text        text not null,
    boost_pay         jsonb not null,
    primary key (career_slug, slug),
    foreign key (career_slug, level_key) references levels on delete cascade
);

create table skill_resources (
    career_slug text not null,
    skill_slug  text not null,
    position    smallint not null,
    title       text not null,
    url         text not null,
    note        text not null default '',
    primary key (career_slug, skill_slug, position),
    foreign key (career_slug, skill_slug) references skills on delete cascade
);

create table schedule_entries (
    career_slug text not null references careers on delete cascade,
    seniority   text not null check (seniority in ('junior', 'senior')),
    position    smallint not null,
    time_label  text not null,
    activity    text not null,
    primary key (career_slug, seniority, position)
);

create table myths (
    career_slug  text not null references careers on delete cascade,
    position     smallint not null,
    myth         text not null,
    reality_html text not null,
    source       jsonb,
    primary key (career_slug, position)
);

create table worklife_ratings (
    career_slug      text not null references careers on delete cascade,
    aspect           text not null check (aspect in ('stress', 'flexibility', 'burnout')),
    position         smallint not null,
    label            text not null,
    score            smallint not null check (score between 1 and 5),
    explanation_html text not null,
    primary key (career_slug, aspect)
);

create table reading_links (
    career_slug text not null references careers on delete cascade,
    position    smallint not null,
    title       text not null,
    url         text not null,
    note        text not null default '',
    primary key (career_slug, position)
);

create table quiz_questions (
    id       text primary key,
    position smallint not null unique,
    text     text not null,
    type     char(1) not null references riasec_types,
    reverse  boolean not null
);

-- People.

create table users (
    id            bigint generated always as identity primary key,
    email         text not null unique check (email = lower(btrim(email)) and email <> ''),
    password_hash text not null,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

-- A signed-in person's level per career. Not a foreign key to levels: the
-- content may change; a level that no longer exists is ignored on read.
create table user_levels (
    user_id     bigint not null references users on delete cascade,
    career_slug text not null,
    level_key   text not null,
    updated_at  timestamptz not null default now(),
    primary key (user_id, career_slug)
);

-- Match test results. The id is 128 random bits, base64url-encoded.
create table quiz_results (
    id          text primary key check (length(id) >= 22),
    career_slug text not null,
    answers     smallint[] not null check (cardinality(answers) = 15),
    scores      real[] not null check (cardinality(scores) = 6),
    match_pct   real not null check (match_pct between 0 and 100),
    holland     char(3) not null,
    level_key   text,
    user_id     bigint references users on delete cascade,
    created_at  timestamptz not null default now()
);

create index quiz_results_user_idx on quiz_results (user_id, created_at desc) where user_id is not null;

-- Counters maintained in the same transaction as each result, so the Result
-- Library reads a handful of rows whatever the number of results. Each
-- counter is split over a few shards to spread concurrent updates; readers
-- sum the shards.
create table result_histogram (
    career_slug text not null,
    bucket      smallint not null check (bucket between 0 and 19),
    shard       smallint not null default 0,
    results     bigint not null default 0,
    primary key (career_slug, bucket, shard)
);

create table result_holland (
    career_slug text not null,
    holland     char(3) not null,
    shard       smallint not null default 0,
    results     bigint not null default 0,
    primary key (career_slug, holland, shard)
);

-- level_key '' stands for "no level set".
create table result_levels (
    career_slug text not null,
    level_key   text not null,
    shard       smallint not null default 0,
    results     bigint not null default 0,
    match_sum   double precision not null default 0,
    primary key (career_slug, level_key, shard)
);

-- Sessions (scs pgxstore).
create table sessions (
    token  text primary key,
    data   bytea not null,
    expiry timestamptz not null
);

create index sessions_expiry_idx on sessions (expiry);

---- create above / drop below ----

drop table sessions, result_levels, result_holland, result_histogram, quiz_results,
    user_levels, users, quiz_questions, reading_links, worklife_ratings, myths,
    schedule_entries, skill_resources, skills, market_percentiles, salary_projection,
    level_examples, levels, career_interests, careers, riasec_types, content_state;
