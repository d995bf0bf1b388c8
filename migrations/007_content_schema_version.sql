-- The schema version the content was last synced under: a migration that
-- adds or changes content columns makes the next start sync the content
-- again, even when no content file changed.
alter table content_state add column schema_version bigint not null default 0;

---- create above / drop below ----

alter table content_state drop column schema_version;
