-- Every read of a study is relayed to the city record's access log, so that the patient sees every look at their
-- data in one list; break-glass reads carry the doctor's stated reason. An entry waits here until the city record
-- has it.
alter table access_log add column break_glass_reason text;
alter table access_log add column relayed_at timestamptz;
create index access_log_unrelayed on access_log (id) where relayed_at is null and study_uid is not null;
