-- The start page ("Att göra", issue 10) finds a person's cases and evaluation groups by the
-- person, not by the case: these indexes let it do so without reading every case.
CREATE INDEX case_team_by_user ON case_team (org_id, user_id, case_id);
CREATE INDEX cases_by_delivery_manager ON cases (org_id, delivery_manager_id);
CREATE INDEX case_records_by_kind ON case_records (org_id, kind, case_id);
