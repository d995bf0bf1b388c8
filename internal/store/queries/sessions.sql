-- name: DeleteExpiredSessions :execrows
delete from sessions where expiry < now();

-- name: FindSessions :many
-- The live sessions among tokens, as scs's pgxstore stores them.
select token, data from sessions where token = any(@tokens::text[]) and current_timestamp < expiry;
