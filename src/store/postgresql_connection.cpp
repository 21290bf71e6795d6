#include <libpq-fe.h>

#include "store/sql.hpp"

namespace kk::store {
namespace {

// `?` placeholders become $1, $2, …; our SQL never has a `?` inside a literal.
std::string number_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  for (char c : sql) {
    if (c == '?') out += "$" + std::to_string(++n);
    else out += c;
  }
  return out;
}

class PgConnection final : public SqlConnection {
 public:
  explicit PgConnection(std::string url) : url_(std::move(url)) { connect(); }
  ~PgConnection() override { PQfinish(conn_); }

  SqlRows query(std::string_view sql, const SqlParams& params) override {
    PGresult* res = run(sql, params);
    SqlRows rows;
    int nrows = PQntuples(res), ncols = PQnfields(res);
    rows.reserve(nrows);
    for (int r = 0; r < nrows; ++r) {
      SqlRow row;
      row.cols.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        if (PQgetisnull(res, r, c)) row.cols.emplace_back(std::nullopt);
        else row.cols.emplace_back(std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c)));
      }
      rows.push_back(std::move(row));
    }
    PQclear(res);
    return rows;
  }

  std::int64_t execute(std::string_view sql, const SqlParams& params) override {
    PGresult* res = run(sql, params);
    const char* n = PQcmdTuples(res);
    std::int64_t changed = (n && *n) ? std::stoll(n) : 0;
    PQclear(res);
    return changed;
  }

  void execute_script(std::string_view sql) override {
    PGresult* res = PQexec(conn_, std::string(sql).c_str());
    // A script may change the schema (migrations): statements kept from before may no longer fit
    // it. Forgotten after the script, not before, since a script may have to be the first command
    // of its transaction (SET TRANSACTION).
    forget_statements();
    check(res, sql);
    PQclear(res);
  }

  void begin(bool) override { run_plain("BEGIN"); }
  void commit() override { run_plain("COMMIT"); }
  void rollback() override {
    if (PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) != PQTRANS_IDLE) {
      PGresult* res = PQexec(conn_, "ROLLBACK");
      PQclear(res);
    }
  }

  bool healthy() override {
    if (PQstatus(conn_) == CONNECTION_OK) return true;
    // A new session knows none of the statements prepared in the old one.
    statements_.clear();
    PQreset(conn_);
    return PQstatus(conn_) == CONNECTION_OK;
  }

 private:
  void connect() {
    conn_ = PQconnectdb(url_.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      throw DbError(DbError::Kind::unavailable, "cannot connect to PostgreSQL: " + msg);
    }
    PGresult* res = PQexec(conn_, "SET client_min_messages = warning");
    PQclear(res);
  }

  void run_plain(const std::string& sql) {
    PGresult* res = PQexec(conn_, sql.c_str());
    check(res, sql);
    PQclear(res);
  }

  PGresult* run(std::string_view sql, const SqlParams& params) {
    // Texts are passed as they are; only numbers need a text of their own (reserved, so the
    // pointers stay valid).
    std::vector<std::string> numbers;
    numbers.reserve(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (auto* s = std::get_if<std::string>(&params[i])) {
        values[i] = s->c_str();
      } else if (auto* n = std::get_if<std::int64_t>(&params[i])) {
        numbers.push_back(std::to_string(*n));
        values[i] = numbers.back().c_str();
      }
    }
    const std::string& name = prepared(sql, static_cast<int>(params.size()));
    PGresult* res =
        PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(), nullptr, nullptr, 0);
    check(res, sql);
    return res;
  }

  // Parsing and planning every statement again on the server cost more than running it (an
  // insert of the generator took a quarter of a millisecond): as in SQLite, each connection
  // prepares a text once and keeps it by name.
  static constexpr std::size_t kKeptStatements = 512;

  const std::string& prepared(std::string_view sql, int nparams) {
    if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
    // Texts built for a varying number of values could grow the kept set without end.
    if (statements_.size() >= kKeptStatements) forget_statements();
    std::string name = "kk" + std::to_string(++prepared_count_);
    PGresult* res = PQprepare(conn_, name.c_str(), number_placeholders(sql).c_str(), nparams, nullptr);
    check(res, sql);
    PQclear(res);
    return statements_.emplace(std::string(sql), std::move(name)).first->second;
  }

  void forget_statements() {
    if (statements_.empty()) return;
    statements_.clear();
    // A failed transaction refuses every command until it ends; what it keeps is only memory,
    // since the numbered names are never used again.
    if (PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) != PQTRANS_INERROR) {
      PGresult* res = PQexec(conn_, "DEALLOCATE ALL");
      PQclear(res);
    }
  }

  void check(PGresult* res, std::string_view sql) {
    auto status = PQresultStatus(res);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string msg = PQresultErrorMessage(res);
    const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    std::string code = state ? state : "";
    PQclear(res);
    if (PQstatus(conn_) != CONNECTION_OK || code.rfind("08", 0) == 0 || code.rfind("57P", 0) == 0)
      throw DbError(DbError::Kind::unavailable, msg);
    if (code == "23505") throw DbError(DbError::Kind::unique_violation, msg);
    throw DbError(DbError::Kind::other, msg + " in: " + std::string(sql));
  }

  std::string url_;
  PGconn* conn_ = nullptr;
  KeptStatements<std::string> statements_;  // text -> name
  std::uint64_t prepared_count_ = 0;
};

}  // namespace

std::unique_ptr<SqlConnection> open_postgresql(const std::string& url) {
  return std::make_unique<PgConnection>(url);
}

}  // namespace kk::store
