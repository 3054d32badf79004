-- The same counts per day, so the bureau sees intake over time ($intake-report?days=N). A day is the city's
-- calendar day (Asia/Shanghai). intake_counts keeps the all-time totals; pushes answered before this table existed
-- are in those totals only, since the day each was answered was never recorded.
create table intake_days (
    day        date        not null,
    hospital   varchar(32) not null,
    outcome    varchar(16) not null,
    reason     varchar(32) not null,
    resources  bigint      not null default 0,
    pushes     bigint      not null default 0,
    last_push  timestamptz not null,
    primary key (day, hospital, outcome, reason)
);
