-- The Result Library now counts people by wider networks (IPv4 /24, IPv6
-- /48) and shows a group from 10 of them, up from 5. Groups shown before
-- stay shown: each group that holds 5 clients gets 5 more placeholders
-- (2 bytes, unlike any hash, numbered after migration 009's).
insert into result_group_clients (career_slug, kind, key, client)
select g.career_slug, g.kind, g.key, int2send(n::int2)
from (
    select career_slug, kind, key from result_group_clients group by career_slug, kind, key having count(*) >= 5
) g
cross join generate_series(6, 10) n
on conflict do nothing;

---- create above / drop below ----

delete from result_group_clients where length(client) = 2 and get_byte(client, 1) between 6 and 10 and get_byte(client, 0) = 0;
