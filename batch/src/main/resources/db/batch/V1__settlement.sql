-- OneCity batch: what the insurer settlement, the reconciliation, the overdue pay-later job and the history import
-- keep. Amounts are whole fen. Billing's own tables (bills, cards, ledger) stay billing's; the batch settles them.

-- a bill taken up by an insurer's settlement: at most one settlement per bill
create table settlement (
    settlement_id    varchar(40) primary key,
    bill_id          bigint      not null unique,
    job_execution_id bigint      not null,
    period           date        not null,
    insurer          varchar(32) not null,
    hospital         varchar(16) not null,
    insurance_type   varchar(8)  not null,
    clearing_type    varchar(8)  not null,
    visit_id         varchar(64) not null,
    person_number    varchar(32) not null,
    total_fen        bigint      not null,
    fund_fen         bigint      not null,
    account_fen      bigint      not null,
    refund           boolean     not null,
    settled_at       timestamptz not null
);
create index settlement_insurer_period on settlement (insurer, period, settlement_id);

-- an insurer's returned statement for a period, identified by its content: the same statement is reconciled once
create table reconciliation (
    id               bigserial   primary key,
    insurer          varchar(32) not null,
    period           date        not null,
    statement_sha256 varchar(64) not null,
    job_execution_id bigint      not null,
    lines            int,
    matched          int,
    discrepancies    int,
    totals_agree     boolean,
    completed_at     timestamptz,
    unique (insurer, period, statement_sha256)
);

create table statement_line (
    reconciliation_id bigint      not null references reconciliation,
    line_number       int         not null,
    settlement_id     varchar(40) not null,
    visit_id          varchar(64) not null,
    person_number     varchar(32) not null,
    total_fen         bigint      not null,
    fund_fen          bigint      not null,
    account_fen       bigint      not null,
    refund            boolean     not null,
    primary key (reconciliation_id, line_number),
    unique (reconciliation_id, settlement_id)
);

create table discrepancy (
    reconciliation_id bigint      not null references reconciliation,
    settlement_id     varchar(40) not null,
    kind              varchar(24) not null
        check (kind in ('AMOUNT_DIFFERS', 'MISSING_HERE', 'MISSING_THERE', 'REFUND_DIFFERS')),
    line_number       int,
    detail            text        not null,
    primary key (reconciliation_id, settlement_id)
);

-- what the overdue job did about an unpaid pay-later bill: a reminder, then the card's suspension
create table pay_later_notice (
    bill_id          bigint      not null,
    kind             varchar(16) not null check (kind in ('REMINDER', 'SUSPENSION')),
    card_number      varchar(32) not null,
    at               timestamptz not null,
    job_execution_id bigint      not null,
    primary key (bill_id, kind)
);
