-- Every hospital Patient written is due for matching until it is linked to a city patient. The row commits with the
-- Patient, so a Patient committed just before the server dies is still matched after it comes back.
create table matching_due (
    patient_id   varchar(100) primary key,
    due_since    timestamptz  not null,
    attempts     integer      not null default 0,
    last_attempt timestamptz
);
create index matching_due_since on matching_due (due_since);
