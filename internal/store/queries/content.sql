-- name: ContentHash :one
select hash from content_state where id;

-- name: ContentSyncState :one
-- The stored content hash and schema version ('' and -1 before the first
-- sync), and the schema version now.
select coalesce(c.hash, '')::text as hash, coalesce(c.schema_version, -1)::bigint as schema_version,
    (select coalesce(max(version), 0) from schema_version)::bigint as current_version
from (select 1) as one left join content_state c on c.id;

-- name: SetContentHash :exec
insert into content_state (id, hash, schema_version, synced_at) values (true, $1, $2, now())
on conflict (id) do update set hash = excluded.hash, schema_version = excluded.schema_version, synced_at = excluded.synced_at;

-- name: LockContent :exec
select pg_advisory_xact_lock(7242011);

-- name: DeleteCareers :exec
delete from careers;

-- name: DeleteQuestions :exec
delete from quiz_questions;

-- name: DeleteRIASECTypes :exec
delete from riasec_types;

-- name: DeleteSkillTopics :exec
delete from skill_topics;

-- name: NotifyContentChanged :exec
select pg_notify('content_changed', sqlc.arg(hash)::text);

-- name: InsertRIASECType :copyfrom
insert into riasec_types (letter, position, name, summary, source) values ($1, $2, $3, $4, $5);

-- name: InsertQuestion :copyfrom
insert into quiz_questions (id, position, text, type, reverse) values ($1, $2, $3, $4, $5);

-- name: InsertCareer :exec
insert into careers (
    slug, position, name, tagline, summary, overview_html, soc_code, onet_code, holland_code,
    interests_source, projection_note_html, projection_pay, market_occupation, market_growth_pct,
    market_growth_period, market_source, day_intro_html, remote_html, oncall_html, worklife_source,
    market_growth_occupation
) values (
    $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21
);

-- name: InsertInterest :copyfrom
insert into career_interests (career_slug, letter, score) values ($1, $2, $3);

-- name: InsertLevel :copyfrom
insert into levels (
    career_slug, key, rank, title, short, years_min, years_max, base_min, base_max,
    equity_min, equity_max, top_min, top_max, pay, summary, responsibilities_html
) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16);

-- name: InsertLevelExample :copyfrom
insert into level_examples (career_slug, level_key, position, text) values ($1, $2, $3, $4);

-- name: InsertProjection :copyfrom
insert into salary_projection (career_slug, year, stage, conservative, aggressive) values ($1, $2, $3, $4, $5);

-- name: InsertPercentile :copyfrom
insert into market_percentiles (career_slug, percentile, annual) values ($1, $2, $3);

-- name: InsertSkill :copyfrom
insert into skills (
    career_slug, slug, position, name, level_key, summary, how_to_learn_html, boost_text, boost_pay
) values ($1, $2, $3, $4, $5, $6, $7, $8, $9);

-- name: InsertSkillTopic :copyfrom
insert into skill_topics (key, position, name) values ($1, $2, $3);

-- name: InsertSkillTopicLink :copyfrom
insert into skill_topic_links (career_slug, skill_slug, position, topic_key) values ($1, $2, $3, $4);

-- name: InsertSkillResource :copyfrom
insert into skill_resources (career_slug, skill_slug, position, title, url, note) values ($1, $2, $3, $4, $5, $6);

-- name: InsertScheduleEntry :copyfrom
insert into schedule_entries (career_slug, seniority, position, time_label, activity) values ($1, $2, $3, $4, $5);

-- name: InsertMyth :copyfrom
insert into myths (career_slug, position, myth, reality_html, source) values ($1, $2, $3, $4, $5);

-- name: InsertRating :copyfrom
insert into worklife_ratings (career_slug, aspect, position, label, score, explanation_html) values ($1, $2, $3, $4, $5, $6);

-- name: InsertReadingLink :copyfrom
insert into reading_links (career_slug, position, title, url, note) values ($1, $2, $3, $4, $5);

-- name: ListRIASECTypes :many
select * from riasec_types order by position;

-- name: ListQuestions :many
select * from quiz_questions order by position;

-- name: ListCareers :many
select * from careers order by position;

-- name: ListInterests :many
select * from career_interests;

-- name: ListLevels :many
select * from levels order by career_slug, rank;

-- name: ListLevelExamples :many
select * from level_examples order by career_slug, level_key, position;

-- name: ListProjection :many
select * from salary_projection order by career_slug, year;

-- name: ListPercentiles :many
select * from market_percentiles order by career_slug, percentile;

-- name: ListSkills :many
select * from skills order by career_slug, position;

-- name: ListSkillTopics :many
select * from skill_topics order by position;

-- name: ListSkillTopicLinks :many
select * from skill_topic_links order by career_slug, skill_slug, position;

-- name: ListSkillResources :many
select * from skill_resources order by career_slug, skill_slug, position;

-- name: ListScheduleEntries :many
select * from schedule_entries order by career_slug, seniority, position;

-- name: ListMyths :many
select * from myths order by career_slug, position;

-- name: ListRatings :many
select * from worklife_ratings order by career_slug, position;

-- name: ListReadingLinks :many
select * from reading_links order by career_slug, position;
