-- The contract list by end date, a page at a time (issue 9): the order and the page come from
-- the index instead of sorting every contract of the organisation.
CREATE INDEX contracts_by_end ON contracts (org_id, ends_on, title, contract_id);
