-- OneCity billing: card accounts, visits and their charges, bills, payments and the double-entry ledger.
-- Every amount is whole fen (bigint); no floating point anywhere.

create table card_account (
    card_number          varchar(32)  primary key,
    citizen_id           varchar(18)  not null,
    holder_name          varchar(100) not null,
    scheme               varchar(16)  not null check (scheme in ('EMPLOYEE', 'RESIDENT')),
    insurer              varchar(32)  not null,
    status               varchar(16)  not null check (status in ('ACTIVE', 'CANCELLED')),
    pay_later            varchar(16)  not null check (pay_later in ('ELIGIBLE', 'SUSPENDED')),
    credit_limit_fen     bigint       not null check (credit_limit_fen >= 0),
    personal_balance_fen bigint       not null check (personal_balance_fen >= 0),
    -- what the city has fronted on this card: charges of open pay-later visits and unpaid bills
    exposure_fen         bigint       not null default 0 check (exposure_fen >= 0),
    counters_year        int          not null,
    deductible_met_fen   bigint       not null default 0,
    fund_used_fen        bigint       not null default 0,
    admissions           int          not null default 0
);
create index card_account_citizen on card_account (citizen_id);
create index card_account_insurer on card_account (insurer);

create table visit (
    id                bigserial    primary key,
    hospital          varchar(16)  not null,
    hospital_visit_id varchar(64)  not null,
    card_number       varchar(32)  not null references card_account,
    kind              varchar(16)  not null check (kind in ('OUTPATIENT', 'INPATIENT')),
    pay_later         boolean      not null,
    refusal           text,
    status            varchar(16)  not null check (status in ('OPEN', 'DISCHARGED')),
    opened_at         timestamptz  not null,
    charged_fen       bigint       not null default 0,
    unique (hospital, hospital_visit_id)
);
create index visit_card on visit (card_number);

create table charge (
    id             bigserial   primary key,
    visit_id       bigint      not null references visit,
    hospital       varchar(16) not null,
    charge_id      varchar(64) not null,
    code           varchar(32) not null,
    category       varchar(16) not null check (category in ('CLASS_A', 'CLASS_B', 'OUTSIDE')),
    quantity       int         not null check (quantity <> 0),
    unit_price_fen bigint      not null check (unit_price_fen >= 0),
    amount_fen     bigint      not null,
    reverses       varchar(64),
    posted_at      timestamptz not null,
    unique (hospital, charge_id)
);
create index charge_visit on charge (visit_id);

create table bill (
    id                   bigserial   primary key,
    visit_id             bigint      not null unique references visit,
    card_number          varchar(32) not null references card_account,
    hospital             varchar(16) not null,
    insurer              varchar(32) not null,
    policy               varchar(32) not null,
    total_fen            bigint      not null,
    outside_fen          bigint      not null,
    class_b_self_fen     bigint      not null,
    within_scope_fen     bigint      not null,
    deductible_fen       bigint      not null,
    coinsurance_fen      bigint      not null,
    over_cap_fen         bigint      not null,
    fund_fen             bigint      not null,
    personal_account_fen bigint      not null,
    patient_fen          bigint      not null,
    status               varchar(16) not null check (status in ('UNPAID', 'PAID')),
    finalised_at         timestamptz not null,
    due_on               date        not null,
    check (total_fen = fund_fen + personal_account_fen + patient_fen)
);
create index bill_card on bill (card_number);
create index bill_unpaid_due on bill (due_on) where status = 'UNPAID';

create table payment (
    id                bigserial    primary key,
    bill_id           bigint       not null references bill,
    idempotency_key   varchar(128) not null unique,
    amount_fen        bigint       not null check (amount_fen > 0),
    channel           varchar(32)  not null,
    status            varchar(16)  not null check (status in ('CAPTURED', 'DECLINED')),
    channel_reference varchar(128),
    decline_reason    text,
    receipt_number    varchar(32)  unique,
    paid_by           varchar(128) not null,
    created_at        timestamptz  not null
);
-- a bill is paid once: at most one captured payment
create unique index payment_captured_once on payment (bill_id) where status = 'CAPTURED';

create table ledger_transaction (
    id        bigserial   primary key,
    kind      varchar(32) not null,
    reference varchar(64) not null,
    booked_at timestamptz not null,
    unique (kind, reference)
);

create table ledger_posting (
    transaction_id bigint      not null references ledger_transaction,
    line           int         not null,
    account        varchar(64) not null,
    debit_fen      bigint      not null check (debit_fen >= 0),
    credit_fen     bigint      not null check (credit_fen >= 0),
    primary key (transaction_id, line),
    check ((debit_fen = 0) <> (credit_fen = 0))
);
create index ledger_posting_account on ledger_posting (account);

-- postings are history: corrections are new postings, never edits
create function ledger_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'The ledger is append-only: % on % is refused', tg_op, tg_table_name;
end;
$$;
create trigger ledger_transaction_append_only before update or delete on ledger_transaction
    for each row execute function ledger_is_append_only();
create trigger ledger_posting_append_only before update or delete on ledger_posting
    for each row execute function ledger_is_append_only();

-- debits equal credits in every transaction, checked when the database transaction commits
create function ledger_transaction_balances() returns trigger language plpgsql as $$
declare
    difference bigint;
begin
    select sum(debit_fen) - sum(credit_fen) into difference from ledger_posting where transaction_id = new.transaction_id;
    if difference <> 0 then
        raise exception 'Ledger transaction % does not balance: debits and credits differ by % fen',
            new.transaction_id, difference;
    end if;
    return null;
end;
$$;
create constraint trigger ledger_posting_balances after insert on ledger_posting
    deferrable initially deferred for each row execute function ledger_transaction_balances();

-- who read which card's financial data, and when
create table access_log (
    id          bigserial    primary key,
    at          timestamptz  not null,
    who         varchar(128) not null,
    role        varchar(32)  not null,
    action      varchar(32)  not null,
    card_number varchar(32),
    subject     varchar(64)  not null
);
create index access_log_card on access_log (card_number, at);
