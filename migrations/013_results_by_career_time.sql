-- A result page counts the results of its guide stored before it, and
-- finds the person's previous result for the guide: both by guide and
-- time. Without this index each was a scan of every result.
create index quiz_results_career_created_idx on quiz_results (career_slug, created_at);

---- create above / drop below ----

drop index quiz_results_career_created_idx;
