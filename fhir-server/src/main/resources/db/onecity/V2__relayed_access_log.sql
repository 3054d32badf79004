-- Reads of a person's data in billing and imaging are relayed into this log, so that the person reads every look at
-- their data in one list. Each relayed entry keeps the service that saw it and the service's own id for it, which
-- makes a relay repeated after a crash record it once.
alter table audit_event add column source varchar(40) not null default 'city record';
alter table audit_event add column source_event varchar(100);
create unique index audit_event_source_event on audit_event (source_event) where source_event is not null;
