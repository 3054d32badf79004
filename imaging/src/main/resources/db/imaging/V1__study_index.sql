-- The study index: every stored instance has one row here and one object in the object store.
-- Patients are the hospitals' patients (issuer + patient ID); a study belongs to one of them.

create table patient (
    id              bigserial primary key,
    -- Issuer of Patient ID (0010,0021) as received, mapped to the hospital's record-number system
    issuer          text        not null,
    patient_id      text        not null,
    hospital        text        not null,
    record_system   text        not null,
    name            text,
    birth_date      text,
    sex             text,
    -- the city's identifiers found in the instances (Other Patient IDs), which tie the hospitals' patients together
    citizen_id      text,
    insurance_card  text,
    unique (issuer, patient_id)
);

-- Demographics that differ from the ones first recorded: kept for the data-quality desk, never silently dropped
create table demographic_difference (
    id               bigserial primary key,
    patient          bigint      not null references patient (id),
    attribute        text        not null,
    recorded         text,
    received         text,
    sop_instance_uid text        not null,
    received_at      timestamptz not null default now()
);

create table study (
    id                  bigserial primary key,
    study_uid           text        not null unique,
    patient             bigint      not null references patient (id),
    hospital            text        not null,
    study_date          date,
    study_time          text,
    accession_number    text,
    study_id            text,
    description         text,
    referring_physician text,
    modalities          text[]      not null default '{}',
    series_count        integer     not null default 0,
    instance_count      integer     not null default 0,
    updated_at          timestamptz not null default now()
);
create index study_patient on study (patient);
create index study_date on study (study_date);
create index study_accession on study (accession_number);

create table series (
    id             bigserial primary key,
    series_uid     text    not null unique,
    study          bigint  not null references study (id),
    modality       text,
    series_number  integer,
    description    text,
    body_part      text,
    instance_count integer not null default 0
);
create index series_study on series (study);

create table instance (
    id               bigserial primary key,
    sop_instance_uid text        not null unique,
    series           bigint      not null references series (id),
    sop_class_uid    text        not null,
    instance_number  integer,
    transfer_syntax  text        not null,
    rows             integer,
    columns          integer,
    frames           integer,
    -- where the pixel data lies in the object, for frame retrieval without reading the whole object:
    -- native: the value's offset and length; encapsulated: length -1 and the fragments as offset/length pairs
    pixel_offset     bigint,
    pixel_length     bigint,
    fragments        bigint[],
    object_key       text        not null,
    size_bytes       bigint      not null,
    sha256           text        not null,
    received_from    text        not null,
    stored_at        timestamptz not null default now(),
    -- the instance's DICOM JSON (PS3.18 F) without bulk data, kept ready so /metadata is one read
    metadata         text        not null
);
create index instance_series on instance (series);

-- Studies changed since they were last mirrored into the city record as ImagingStudy. Written in the transaction
-- that changes the index, so no change is lost when fhir-server is down; delivered once the study has settled.
create table mirror_outbox (
    study_uid       text primary key,
    -- whose study it is, kept here so a deleted study can still be marked in the city record
    hospital        text        not null,
    record_system   text        not null,
    patient_id      text        not null,
    changed_at      timestamptz not null default now(),
    next_attempt_at timestamptz not null default now(),
    attempts        integer     not null default 0,
    last_error      text
);
create index mirror_outbox_due on mirror_outbox (next_attempt_at);

-- Every read of patient data (query, metadata, retrieval), so a patient can be shown who looked
create table access_log (
    id        bigserial   primary key,
    at        timestamptz not null default now(),
    who       text        not null,
    role      text        not null,
    hospital  text,
    action    text        not null,
    study_uid text,
    detail    text
);
create index access_log_study on access_log (study_uid, at);
