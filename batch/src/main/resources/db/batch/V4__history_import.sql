-- What a hospital's history import has brought into the city record: the export's resource ids and the business
-- identifier each was stored by, so later lines' references to them can be resolved (and a restarted import too).
create table history_reference (
    hospital      varchar(16)  not null,
    resource_type varchar(64)  not null,
    source_id     varchar(128) not null,
    system        varchar(256) not null,
    value         varchar(256) not null,
    primary key (hospital, resource_type, source_id)
);
