-- The Result Library counters are updated on every submission: leave room
-- in each page so those updates stay HOT (no index writes, less bloat).
alter table result_histogram set (fillfactor = 50);
alter table result_holland set (fillfactor = 50);
alter table result_levels set (fillfactor = 50);

---- create above / drop below ----

alter table result_histogram reset (fillfactor);
alter table result_holland reset (fillfactor);
alter table result_levels reset (fillfactor);
