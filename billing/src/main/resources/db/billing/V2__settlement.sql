-- The insurer's side of a bill is settled by the batch, after the bill: the personal account's share is held at
-- discharge and debited by the settlement; the fund's share becomes a claim on the insurer.

alter table card_account add column personal_held_fen bigint not null default 0;
alter table card_account add constraint card_account_personal_held
    check (personal_held_fen >= 0 and personal_held_fen <= personal_balance_fen);

alter table bill add column claim_status varchar(16) not null default 'UNSETTLED'
    check (claim_status in ('UNSETTLED', 'SETTLED', 'RECONCILED', 'DISPUTED'));
-- the settlement that took the bill up (the batch's settlement id), at most one
alter table bill add column settlement_id varchar(40) unique;
create index bill_unsettled on bill (hospital, id) where claim_status = 'UNSETTLED';
