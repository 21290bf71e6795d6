#pragma once
// Backups of the embedded SQLite database with SQLite's online backup API: a consistent copy
// taken while the service goes on writing, and the way back.
#include <string>

namespace kk::store {

// Copies the database at `db_path` into `file` (written beside it first, then renamed, so a
// failed backup never leaves a half file under the name). Throws DbError with the reason.
void sqlite_backup(const std::string& db_path, const std::string& file);
// Replaces the database at `db_path` with the backup in `file`, after checking that it is a
// SQLite database of Kravkedja. The service must be stopped. Throws DbError with the reason.
void sqlite_restore(const std::string& file, const std::string& db_path);

}  // namespace kk::store
