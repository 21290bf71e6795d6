-- Paged lists (issue 9): the order of the case and asset lists straight from an index, so a
-- page of an organisation's cases or assets is read without sorting all of them.
CREATE INDEX cases_by_created ON cases (org_id, created_at, case_id);
CREATE INDEX assets_by_name ON assets (org_id, name, asset_id);
