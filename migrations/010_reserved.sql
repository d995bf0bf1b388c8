-- Reserved number: keeps the migration sequence contiguous. It changes
-- nothing.
select 1;

---- create above / drop below ----

select 1;
