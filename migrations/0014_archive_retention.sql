-- How long a closed case's archive package is kept (gallringsfrist, in years) as the
-- organisation's document management plan says; null: it is preserved (bevaras).
ALTER TABLE organisations ADD COLUMN archive_retention_years INTEGER;

-- A closed case's audit extract reads the entries about the case and its tenders and contracts.
CREATE INDEX audit_log_object_id ON audit_log (org_id, object_id);
