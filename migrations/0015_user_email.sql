-- Where a user's reminders go by e-mail, when the service has an SMTP server; empty: none.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
