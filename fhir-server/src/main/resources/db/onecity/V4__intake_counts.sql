-- How many resources each hospital pushed, accepted or refused and why (a code, never free text): the bureau's
-- $intake-report, kept across restarts. One row per hospital, outcome and reason, counted up as pushes finish.
create table intake_counts (
    hospital   varchar(32) not null,
    outcome    varchar(16) not null,
    reason     varchar(32) not null,
    resources  bigint      not null default 0,
    pushes     bigint      not null default 0,
    last_push  timestamptz not null,
    primary key (hospital, outcome, reason)
);
