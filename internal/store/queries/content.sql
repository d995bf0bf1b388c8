-- name: ContentState :one
-- The stored content hash and document format ('' before the first sync).
select coalesce(c.hash, '')::text as hash, coalesce(c.format, '')::text as format
from (select 1) as one left join content_state c on c.id;

-- name: SetContentState :exec
insert into content_state (id, hash, format, synced_at) values (true, $1, $2, now())
on conflict (id) do update set hash = excluded.hash, format = excluded.format, synced_at = excluded.synced_at;

-- name: LockContent :exec
select pg_advisory_xact_lock(7242011);

-- name: DeleteContentDocuments :exec
delete from content_documents;

-- name: InsertContentDocuments :copyfrom
insert into content_documents (kind, key, position, body) values ($1, $2, $3, $4);

-- name: ListContentDocuments :many
select kind, key, body from content_documents order by kind, position;

-- name: NotifyContentChanged :exec
select pg_notify('content_changed', sqlc.arg(hash)::text);
