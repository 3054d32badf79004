-- Every read of a card's data is relayed to the city record's access log, so that the cardholder sees every look at
-- their data in one list. An entry waits here until the city record has it.
alter table access_log add column organization varchar(32);
alter table access_log add column citizen_id varchar(18);
alter table access_log add column relayed_at timestamptz;
create index access_log_unrelayed on access_log (id) where relayed_at is null;
