-- Content is stored as validated documents: one row per career, plus the
-- catalog-wide parts (RIASEC types, quiz statements, skill topics), each the
-- JSON of its domain type. Nothing queries content relationally; every
-- instance loads these rows into its in-memory snapshot. The mirror tables
-- of migration 001 (careers, levels, skills, ...) go.
drop table skill_topic_links, skill_topics, reading_links, worklife_ratings, myths,
    schedule_entries, skill_resources, skills, market_percentiles, salary_projection,
    level_examples, levels, career_interests, careers, quiz_questions, riasec_types;

create table content_documents (
    kind     text not null check (kind ~ '^[a-z]+$'),
    key      text not null,
    position integer not null,
    body     jsonb not null,
    primary key (kind, key)
);

-- The synced content: its hash and the document format (a fingerprint of
-- the domain types) it was written in. A change of either re-syncs.
drop table content_state;
create table content_state (
    id        boolean primary key default true check (id),
    hash      text not null,
    format    text not null,
    synced_at timestamptz not null default now()
);

---- create above / drop below ----

-- The mirror tables are not restored: content is synced again by the
-- previous version from the content files.
drop table content_documents, content_state;
create table content_state (
    id             boolean primary key default true check (id),
    hash           text not null,
    synced_at      timestamptz not null default now(),
    schema_version bigint not null default 0
);
