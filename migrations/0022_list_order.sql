-- Lists by their own order, a page at a time (issue 9): the order and the page come from the
-- index instead of sorting all of an organisation's contracts, people or a person's reminders.
CREATE INDEX contracts_by_end ON contracts (org_id, ends_on, title, contract_id);
CREATE INDEX notifications_by_due ON notifications (org_id, user_id, due_on, created_at, notification_id);
CREATE INDEX users_by_name ON users (org_id, display_name, username);
