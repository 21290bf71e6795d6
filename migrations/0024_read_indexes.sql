-- Every page that evaluates a case lists the organisation's imported catalogues and rule sets,
-- without their text. In SQLite the columns after `yaml` sit behind the text's overflow pages,
-- so listing a 3 MB catalogue read all of it on every request; this index answers the listing
-- by itself.
CREATE INDEX content_sources_listing ON content_sources (org_id, kind, content_id, version, name, imported_by, imported_at);

-- The start page, the follow-up dashboard and the daily reminders ask which planned controls
-- are already answered, for the whole organisation: this index answers it without the rows.
CREATE INDEX follow_up_answered ON follow_up_records (org_id, contract_id, measure_id, due_on);
