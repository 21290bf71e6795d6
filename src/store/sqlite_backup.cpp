#include "store/sqlite_backup.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include "store/sql.hpp"

namespace kk::store {

namespace {
using Handle = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

Handle open(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  Handle h(db, sqlite3_close);
  if (rc != SQLITE_OK)
    throw DbError(DbError::Kind::unavailable, "kan inte öppna " + path + ": " + (db ? sqlite3_errmsg(db) : "minnet räckte inte"));
  sqlite3_busy_timeout(db, 10000);
  return h;
}

// Page by page, letting writers in between; a writer's change restarts the copy, as the
// backup API does, so what is copied is one consistent moment.
void copy(sqlite3* from, sqlite3* to, const std::string& what) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) throw DbError(DbError::Kind::other, what + ": " + sqlite3_errmsg(to));
  int rc;
  while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    if (rc != SQLITE_OK) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) throw DbError(DbError::Kind::other, what + ": " + sqlite3_errstr(rc));
}
}  // namespace

void sqlite_backup(const std::string& db_path, const std::string& file) {
  if (!std::filesystem::exists(db_path)) throw DbError(DbError::Kind::other, "det finns ingen databas i " + db_path);
  std::string partial = file + ".partial";
  std::filesystem::remove(partial);
  {
    Handle from = open(db_path, SQLITE_OPEN_READONLY);
    Handle to = open(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    copy(from.get(), to.get(), "säkerhetskopian till " + file);
    // A backup is one file: no write-ahead log beside it.
    sqlite3_exec(to.get(), "PRAGMA journal_mode=DELETE;", nullptr, nullptr, nullptr);
  }
  std::filesystem::rename(partial, file);
}

void sqlite_restore(const std::string& file, const std::string& db_path) {
  if (!std::filesystem::exists(file)) throw DbError(DbError::Kind::other, "det finns ingen säkerhetskopia i " + file);
  Handle from = open(file, SQLITE_OPEN_READONLY);
  sqlite3_stmt* st = nullptr;
  bool ours = false;
  if (sqlite3_prepare_v2(from.get(),
                         "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('audit_log', 'organisations', "
                         "'schema_migrations')",
                         -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    ours = sqlite3_column_int(st, 0) == 3;
  sqlite3_finalize(st);
  if (!ours) throw DbError(DbError::Kind::other, file + " är inte en säkerhetskopia av en Kravkedja-databas");
  auto parent = std::filesystem::path(db_path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  Handle to = open(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  copy(from.get(), to.get(), "återställningen från " + file);
}

}  // namespace kk::store
