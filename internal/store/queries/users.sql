-- name: CreateUser :one
insert into users (email, email_key, password_hash) values ($1, $2, $3) returning id;

-- name: UserByEmail :one
-- By the address's skeleton, or the address itself for a row whose
-- skeleton is not filled in yet.
select id, email, password_hash from users
where email_key = sqlc.arg(email_key)::text or (email_key is null and email = sqlc.arg(email)::text)
order by email_key is null limit 1;

-- name: UsersWithoutEmailKey :many
select id, email from users where email_key is null order by id;

-- name: SetEmailKey :exec
update users u set email_key = sqlc.arg(email_key)::text where u.id = sqlc.arg(id) and u.email_key is null
    and not exists (select 1 from users o where o.email_key = sqlc.arg(email_key)::text);

-- name: UserByID :one
select id, email, password_hash from users where id = $1;

-- name: UpdatePassword :execrows
update users set password_hash = $2, updated_at = now() where id = $1;

-- name: DeleteUser :execrows
delete from users where id = $1;

-- name: TrackSession :exec
insert into user_sessions (token, user_id) values ($1, $2)
on conflict (token) do update set user_id = excluded.user_id;

-- name: SessionUser :one
select user_id from user_sessions where token = $1;

-- name: DeleteUserSessions :execrows
-- Every session of the account but keep ('' keeps none); their
-- user_sessions rows go with them.
delete from sessions where token in (
    select token from user_sessions where user_id = $1 and token <> sqlc.arg(keep)::text
);

-- name: SetUserLevel :exec
insert into user_levels (user_id, career_slug, level_key) values ($1, $2, $3)
on conflict (user_id, career_slug) do update set level_key = excluded.level_key, updated_at = now();

-- name: ClearUserLevel :exec
delete from user_levels where user_id = $1 and career_slug = $2;

-- name: UserLevels :many
select career_slug, level_key from user_levels where user_id = $1 order by career_slug;

-- name: ClaimResults :execrows
update quiz_results set user_id = $1 where id = any(sqlc.arg(ids)::text[]) and user_id is null;

-- name: UserResults :many
select id, career_slug, match_pct, holland, scores, created_at from quiz_results
where user_id = $1 order by created_at desc, id limit 100;

-- name: SetUserSkill :exec
insert into user_skills (user_id, career_slug, skill_slug, status) values ($1, $2, $3, $4)
on conflict (user_id, career_slug, skill_slug) do update set status = excluded.status, updated_at = now();

-- name: ClearUserSkill :exec
delete from user_skills where user_id = $1 and career_slug = $2 and skill_slug = $3;

-- name: UserSkills :many
select career_slug, skill_slug, status from user_skills where user_id = $1 order by career_slug, skill_slug;

-- name: SetUserPace :exec
insert into user_pace (user_id, hours_per_week) values ($1, $2)
on conflict (user_id) do update set hours_per_week = excluded.hours_per_week, updated_at = now();

-- name: UserPace :one
select hours_per_week from user_pace where user_id = $1;
