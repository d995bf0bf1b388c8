-- An account's address is also kept as its Unicode confusables skeleton
-- (UTS #39, computed by the application), unique: an address that only
-- looks like another (a Cyrillic і for i, a dotless ı) is the same
-- account. Rows from before are filled in at start.
alter table users add column email_key text;
create unique index users_email_key_idx on users (email_key);

---- create above / drop below ----

drop index users_email_key_idx;
alter table users drop column email_key;
