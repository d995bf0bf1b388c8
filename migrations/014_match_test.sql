-- The match test of 60 statements (a quick test of 15 and three rounds of
-- "Sharpen your result"): a result holds 15, 30, 45 or 60 answers and the
-- layout of the statements it answered (quiz.Layout: one letter a
-- statement, lower case when reverse-keyed). Every result stored before
-- answered the 15 earlier statements, whose layout is the default here
-- (kept by PostgreSQL for existing rows without rewriting the table); the
-- server always names the layout of a new result.
alter table quiz_results add column layout text not null default 'IICRASEICRAsEce';
alter table quiz_results drop constraint quiz_results_answers_check;
alter table quiz_results add constraint quiz_results_answers_check
    check (cardinality(answers) in (15, 30, 45, 60)) not valid;

-- Live reliability, counted honestly: each scale's Cronbach's alpha from
-- at most one result per client network (a keyed hash) per day and
-- layout. alpha_clients holds who counted today (and yesterday: rows of
-- older days are deleted as results come in); alpha_moments the running
-- sums of the results that counted (see result_moments for their shape).
create table alpha_clients (
    day    date not null,
    layout text not null,
    client bytea not null,
    primary key (day, layout, client)
);

create table alpha_moments (
    layout     text not null,
    shard      smallint not null,
    people     bigint not null default 0,
    sums       bigint[] not null,
    updated_at timestamptz not null default now(),
    primary key (layout, shard)
) with (fillfactor = 50);

-- The element-wise sum of equally long arrays, as an aggregate.
create aggregate sum_bigint_arrays(bigint[]) (sfunc = add_bigint_arrays, stype = bigint[]);

---- create above / drop below ----

drop aggregate sum_bigint_arrays(bigint[]);
drop table alpha_moments, alpha_clients;
delete from quiz_results where cardinality(answers) <> 15;
alter table quiz_results drop constraint quiz_results_answers_check;
alter table quiz_results add constraint quiz_results_answers_check check (cardinality(answers) = 15);
alter table quiz_results drop column layout;
