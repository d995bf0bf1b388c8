-- The group a growth projection covers, when BLS projects the wages'
-- occupation only together with others; empty means the same occupation.
alter table careers add column market_growth_occupation text not null default '';

---- create above / drop below ----

alter table careers drop column market_growth_occupation;
