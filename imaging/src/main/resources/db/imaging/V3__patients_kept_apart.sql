-- Patients are known by one key: a hospital's record number (its system and the Patient ID), whichever issuer value
-- named that hospital, or, for patients kept apart (an issuer no hospital registered, no Patient ID), an identity of
-- their own under the sender. A patient kept apart joins no hospital's patient and has no record system until the
-- bureau says whose it is (linked_to).
alter table patient add column identity_key text;
alter table patient add column kept_apart text;
alter table patient add column linked_to bigint references patient (id);
alter table patient alter column record_system drop not null;

-- rows that were one hospital's patient under two issuer values become one
create temporary table patient_merge on commit drop as
select p.id as duplicate, f.first
  from patient p
  join (select record_system, patient_id, min(id) as first from patient group by record_system, patient_id) f
    on f.record_system = p.record_system and f.patient_id = p.patient_id
 where p.id <> f.first;
update study st set patient = m.first from patient_merge m where st.patient = m.duplicate;
update demographic_difference d set patient = m.first from patient_merge m where d.patient = m.duplicate;
delete from patient p using patient_merge m where p.id = m.duplicate;

update patient set identity_key = record_system || '|' || patient_id;
alter table patient alter column identity_key set not null;
alter table patient add constraint patient_identity_key unique (identity_key);
alter table patient drop constraint patient_issuer_patient_id_key;
create index patient_kept_apart on patient (kept_apart) where kept_apart is not null;

-- duplicates are judged on the data set alone (without the File Meta Information); null for instances stored before
alter table instance add column dataset_sha256 text;

-- where the pixel data lies when not in the object as it came: a deflated object's inflated copy
alter table instance add column pixel_object_key text;
