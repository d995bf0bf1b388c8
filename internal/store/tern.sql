-- The table tern keeps the applied migration version in (created by tern,
-- not by a migration); declared here so that queries can read it.
create table schema_version (version integer not null);
