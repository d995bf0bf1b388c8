-- Number 012 is reserved for the result page's migration, which is being
-- written on another branch; tern needs the numbers without gaps, so this
-- empty one holds the place until that one replaces it at the merge.
select 1;

---- create above / drop below ----

select 1;
