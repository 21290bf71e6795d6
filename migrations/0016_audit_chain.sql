-- The audit log as one hash chain per organisation: each entry carries the hash of the entry
-- before it and its own hash over a canonical form (app/audit_chain.cpp), so a changed,
-- removed or inserted row shows when the chain is recomputed (kravkedja audit verify).
-- Entries written before this migration are sealed into the chain once, at start-up.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN entry_hash TEXT;
