-- The shared vocabulary of skill topics (content/skill-topics.yaml) and the
-- topics each skill covers; the compare page matches careers' skills by topic.
create table skill_topics (
    key      text primary key check (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    position smallint not null unique,
    name     text not null
);

create table skill_topic_links (
    career_slug text not null,
    skill_slug  text not null,
    position    smallint not null,
    topic_key   text not null references skill_topics,
    primary key (career_slug, skill_slug, position),
    unique (career_slug, skill_slug, topic_key),
    foreign key (career_slug, skill_slug) references skills on delete cascade
);

---- create above / drop below ----

drop table skill_topic_links;
drop table skill_topics;
