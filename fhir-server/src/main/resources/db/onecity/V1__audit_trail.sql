-- The access log of the city record: one row per person whose records a request read or wrote (or one row without
-- a person for a request that reached none). Append-only: nothing in OneCity updates or deletes a row.
create table audit_event (
    id                 bigserial primary key,
    recorded           timestamptz   not null,
    action             char(1)       not null,
    subtype            varchar(40)   not null,
    outcome            smallint      not null,
    outcome_text       varchar(1000),
    agent_subject      varchar(200)  not null,
    agent_name         varchar(200),
    agent_role         varchar(40)   not null,
    agent_organization varchar(100),
    agent_client       varchar(100),
    agent_address      varchar(100),
    purpose_of_use     varchar(20)   not null,
    break_glass_reason varchar(1000),
    person_system      varchar(200),
    person_value       varchar(100),
    patient_refs       varchar(2000),
    what               varchar(4000) not null,
    request_id         varchar(64)
);

create index audit_event_person on audit_event (person_system, person_value, recorded desc);
create index audit_event_recorded on audit_event (recorded desc);

revoke update, delete, truncate on audit_event from public;
