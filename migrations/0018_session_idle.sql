-- When a session was last used, for the idle timeout (30 minutes) beside the absolute one.
ALTER TABLE sessions ADD COLUMN last_seen TEXT;
