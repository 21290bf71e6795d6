#include <sqlite3.h>

#include <thread>

#include "store/sql.hpp"

namespace kk::store {
namespace {

class SqliteConnection final : public SqlConnection {
 public:
  explicit SqliteConnection(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw DbError(DbError::Kind::unavailable, "cannot open SQLite database " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 10000);
    execute_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  }
  ~SqliteConnection() override {
    forget_statements();
    sqlite3_close(db_);
  }

  SqlRows query(std::string_view sql, const SqlParams& params) override {
    SqlRows rows;
    run(sql, params, &rows);
    return rows;
  }

  std::int64_t execute(std::string_view sql, const SqlParams& params) override {
    run(sql, params, nullptr);
    return sqlite3_changes(db_);
  }

  void execute_script(std::string_view sql) override {
    char* err = nullptr;
    std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw DbError(DbError::Kind::other, msg);
    }
  }

  // Through the kept statements too: every request begins and ends a transaction.
  void begin(bool write) override { run(write ? "BEGIN IMMEDIATE" : "BEGIN", {}, nullptr); }
  void commit() override { run("COMMIT", {}, nullptr); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) run("ROLLBACK", {}, nullptr);
  }
  bool healthy() override { return true; }

 private:
  // A page runs tens of statements, most of them the same few texts: parsing and planning each
  // again took a sixth of the case page's time, so prepared statements are kept per connection
  // (a connection serves one request at a time) and reset after use.
  static constexpr std::size_t kKeptStatements = 512;

  sqlite3_stmt* prepared(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
    // Texts built for a varying number of values could grow the cache without end.
    if (statements_.size() >= kKeptStatements) forget_statements();
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
        SQLITE_OK) {
      sqlite3_finalize(stmt);
      throw DbError(DbError::Kind::other, std::string(sqlite3_errmsg(db_)) + " in: " + std::string(sql));
    }
    statements_.emplace(std::string(sql), stmt);
    return stmt;
  }

  void forget_statements() {
    for (auto& [text, stmt] : statements_) sqlite3_finalize(stmt);
    statements_.clear();
  }

  void run(std::string_view sql, const SqlParams& params, SqlRows* rows) {
    sqlite3_stmt* stmt = prepared(sql);
    // Reset whatever way the statement ends, so it is ready for the next use and holds no lock.
    struct Resetter {
      sqlite3_stmt* s;
      ~Resetter() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } resetter{stmt};
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      if (auto* s = std::get_if<std::string>(&params[i]))
        sqlite3_bind_text(stmt, idx, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
      else if (auto* n = std::get_if<std::int64_t>(&params[i]))
        sqlite3_bind_int64(stmt, idx, *n);
      else
        sqlite3_bind_null(stmt, idx);
    }
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) return;
      if (rc != SQLITE_ROW) {
        int ext = sqlite3_extended_errcode(db_);
        auto kind = (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
                        ? DbError::Kind::unique_violation
                        : DbError::Kind::other;
        throw DbError(kind, sqlite3_errmsg(db_));
      }
      if (!rows) continue;
      SqlRow row;
      int n = sqlite3_column_count(stmt);
      row.cols.reserve(n);
      for (int c = 0; c < n; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          row.cols.emplace_back(std::nullopt);
        } else {
          auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          row.cols.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
        }
      }
      rows->push_back(std::move(row));
    }
  }

  sqlite3* db_ = nullptr;
  KeptStatements<sqlite3_stmt*> statements_;
};

}  // namespace

std::unique_ptr<SqlConnection> open_sqlite(const std::string& path) {
  return std::make_unique<SqliteConnection>(path);
}

}  // namespace kk::store
