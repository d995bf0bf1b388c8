-- name: DeleteExpiredSessions :execrows
delete from sessions where expiry < now();
