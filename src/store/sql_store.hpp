#pragma once
// The database behind app::Store: a pool of connections to SQLite (sqlite:PATH) or
// PostgreSQL (postgresql://…), with the numbered migrations embedded in the binary.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/ports.hpp"
#include "store/sql.hpp"

namespace kk::store {

class SqlStore final : public app::Store {
 public:
  // Throws DbError when the URL is not understood or the database cannot be reached.
  explicit SqlStore(const std::string& url, std::size_t pool_size = 4);
  ~SqlStore() override;

  std::unique_ptr<app::Transaction> begin(bool write) override;
  std::string engine() const override { return engine_; }
  // The SQLite file's path, or the PostgreSQL URL.
  const std::string& target() const { return target_; }

  // Applies the migrations not yet applied; returns how many ran.
  int migrate();
  // How many of the binary's migrations the database lacks (a node started by an older or newer
  // binary than the one that migrated). Throws DbError when the database cannot be reached.
  int pending_migrations();

  // The pool at this moment, for the metrics.
  struct PoolFigures {
    std::size_t size, open, idle;
    std::uint64_t waits, unavailable;
  };
  PoolFigures pool_figures();

  // Leases a connection; it returns to the pool when the lease ends.
  class Lease {
   public:
    Lease(SqlStore* store, std::unique_ptr<SqlConnection> conn) : store_(store), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    ~Lease();
    SqlConnection& operator*() { return *conn_; }
    SqlConnection* operator->() { return conn_.get(); }

   private:
    SqlStore* store_;
    std::unique_ptr<SqlConnection> conn_;
  };
  Lease acquire();

 private:
  std::unique_ptr<SqlConnection> open();
  void release(std::unique_ptr<SqlConnection> conn);

  std::string engine_;
  std::string target_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<SqlConnection>> idle_;
  std::size_t open_count_ = 0;
  std::uint64_t waits_ = 0;        // leases that waited for a connection
  std::uint64_t unavailable_ = 0;  // connections that could not be opened or reset
  std::size_t pool_size_;
};

// "sqlite:PATH" or "postgresql://…"; the default database lives under ./data/.
inline constexpr const char* default_database_url = "sqlite:data/kravkedja.db";

}  // namespace kk::store
