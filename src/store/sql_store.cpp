#include "store/sql_store.hpp"

#include <set>

#include <filesystem>

#include "io/embedded.hpp"
#include "store/sql_transaction.hpp"

namespace kk::store {

SqlStore::SqlStore(const std::string& url, std::size_t pool_size) : pool_size_(pool_size) {
  if (url.rfind("sqlite:", 0) == 0) {
    engine_ = "sqlite";
    target_ = url.substr(7);
    if (target_.rfind("//", 0) == 0) target_ = target_.substr(2);
    auto parent = std::filesystem::path(target_).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    engine_ = "postgresql";
    target_ = url;
  } else {
    throw DbError(DbError::Kind::other, "database URL must start with sqlite: or postgresql://");
  }
  // Fail early when the database cannot be reached; the probe becomes the pool's first connection.
  auto probe = open();
  open_count_ = 1;
  release(std::move(probe));
}

SqlStore::~SqlStore() = default;

std::unique_ptr<SqlConnection> SqlStore::open() {
  return engine_ == "sqlite" ? open_sqlite(target_) : open_postgresql(target_);
}

SqlStore::Lease::~Lease() {
  if (conn_) store_->release(std::move(conn_));
}

SqlStore::Lease SqlStore::acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      lock.unlock();
      if (!conn->healthy()) {
        std::lock_guard again(mutex_);
        --open_count_;
        ++unavailable_;
        throw DbError(DbError::Kind::unavailable, "database connection lost");
      }
      return Lease(this, std::move(conn));
    }
    if (open_count_ < pool_size_) {
      ++open_count_;
      lock.unlock();
      try {
        return Lease(this, open());
      } catch (const DbError& e) {
        std::lock_guard again(mutex_);
        --open_count_;
        if (e.kind == DbError::Kind::unavailable) ++unavailable_;
        throw;
      } catch (...) {
        std::lock_guard again(mutex_);
        --open_count_;
        throw;
      }
    }
    ++waits_;
    available_.wait(lock);
  }
}

void SqlStore::release(std::unique_ptr<SqlConnection> conn) {
  std::lock_guard lock(mutex_);
  if (!conn) return;
  idle_.push_back(std::move(conn));
  available_.notify_one();
}

SqlStore::PoolFigures SqlStore::pool_figures() {
  std::lock_guard lock(mutex_);
  return {pool_size_, open_count_, idle_.size(), waits_, unavailable_};
}

std::unique_ptr<app::Transaction> SqlStore::begin(bool write) {
  return std::make_unique<SqlTransaction>(acquire(), write);
}

int SqlStore::pending_migrations() {
  auto conn = acquire();
  std::set<std::int64_t> applied;
  for (const auto& row : conn->query("SELECT version FROM schema_migrations")) applied.insert(row.integer(0));
  int pending = 0;
  for (const auto& path : io::embedded_files_under("migrations/")) {
    std::string name = path.substr(std::string("migrations/").size());
    if (!applied.count(std::stoi(name.substr(0, name.find('_'))))) ++pending;
  }
  return pending;
}

int SqlStore::migrate() {
  auto conn = acquire();
  conn->execute_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL)");
  int applied = 0;
  for (const auto& path : io::embedded_files_under("migrations/")) {
    std::string name = path.substr(std::string("migrations/").size());
    int version = std::stoi(name.substr(0, name.find('_')));
    conn->begin(true);
    try {
      auto done = conn->query("SELECT 1 FROM schema_migrations WHERE version = ?", {std::int64_t(version)});
      if (done.empty()) {
        conn->execute_script(*io::embedded_file(path));
        conn->execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)",
                      {std::int64_t(version), name});
        ++applied;
      }
      conn->commit();
    } catch (...) {
      conn->rollback();
      throw;
    }
  }
  return applied;
}

}  // namespace kk::store
