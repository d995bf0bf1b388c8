-- Where a result stood among earlier results of the same career when it was
-- taken (0-100), so the result page is one indexed lookup.
alter table quiz_results add column percentile smallint not null default 0 check (percentile between 0 and 100);

---- create above / drop below ----

alter table quiz_results drop column percentile;
