#include "store/org_transfer.hpp"

#include <set>

#include "store/sql_transaction.hpp"

namespace kk::store {
using nlohmann::json;
namespace {

constexpr const char* kFormat = "kravkedja-organisation";
constexpr int kFormatVersion = 1;

// Not organisation data, or not worth moving: people sign in again after a move.
const std::set<std::string> tables_left_out = {"schema_migrations", "sessions",         "sign_in_challenges",
                                               "sign_on_attempts",  "sign_in_throttle", "job_runs"};

std::vector<std::string> database_tables(SqlConnection& db, const std::string& engine) {
  std::vector<std::string> out;
  auto rows = engine == "sqlite"
                  ? db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", {})
                  : db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()", {});
  for (const auto& r : rows) out.push_back(r.text(0));
  return out;
}

std::vector<std::string> columns_of(SqlConnection& db, const std::string& engine, const std::string& table) {
  std::vector<std::string> out;
  auto rows = engine == "sqlite"
                  ? db.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", {table})
                  : db.query("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                             "AND table_name = ? ORDER BY ordinal_position",
                             {table});
  for (const auto& r : rows) out.push_back(r.text(0));
  return out;
}

std::int64_t schema_version(SqlConnection& db) {
  auto rows = db.query("SELECT max(version) FROM schema_migrations", {});
  return rows.empty() ? 0 : rows[0].integer(0);
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

const std::vector<std::string>& organisation_tables() {
  static const std::vector<std::string> tables = {
      "organisations",     "users",           "user_roles",       "api_tokens",         "assets",
      "cases",             "case_assets",     "decisions",        "case_activities",    "case_team",
      "audit_log",         "specifications",  "specification_entries", "content_sources", "content_shares",
      "risks",             "risk_assessments", "case_records",     "suppliers",          "tenders",
      "tender_users",      "tender_answers",  "tender_judgements", "tender_files",      "contracts",
      "contract_measures", "follow_up_records", "deviations",      "contract_entries",   "contract_files",
      "calendar_feeds",    "notifications",   "sign_on_settings"};
  return tables;
}

ExportOutcome export_organisation(SqlStore& store, const std::string& org_id_or_name) {
  ExportOutcome out;
  SqlTransaction tx(store.acquire(), false);
  SqlConnection& db = tx.connection();
  // One moment for all tables while the service writes: SQLite's read transaction is a snapshot
  // already; PostgreSQL's default would let each SELECT see a later one.
  if (store.engine() == "postgresql") db.execute_script("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  for (const auto& t : database_tables(db, store.engine())) {
    bool moved = std::find(organisation_tables().begin(), organisation_tables().end(), t) != organisation_tables().end();
    if (!moved && !tables_left_out.count(t)) {
      out.problem = "tabellen " + t + " är okänd för exporten; ingenting exporterades";
      return out;
    }
  }
  auto org = db.query("SELECT org_id, name FROM organisations WHERE org_id = ? OR name = ?", {org_id_or_name, org_id_or_name});
  if (org.size() != 1) {
    out.problem = "organisationen " + org_id_or_name + " finns inte";
    return out;
  }
  std::string org_id = org[0].text(0);
  json tables = json::object();
  for (const auto& t : organisation_tables()) {
    auto columns = columns_of(db, store.engine(), t);
    std::string sql = "SELECT " + joined(columns) + " FROM " + t + " WHERE org_id = ?";
    json rows = json::array();
    for (const auto& r : db.query(sql, {org_id})) {
      json row = json::array();
      for (const auto& c : r.cols) row.push_back(c ? json(*c) : json());
      rows.push_back(std::move(row));
    }
    out.rows[t] = rows.size();
    tables[t] = {{"columns", columns}, {"rows", std::move(rows)}};
  }
  out.document = {{"format", kFormat},
                  {"format_version", kFormatVersion},
                  {"schema_version", schema_version(db)},
                  {"source_engine", store.engine()},
                  {"organisation", {{"id", org_id}, {"name", org[0].text(1)}}},
                  {"tables", std::move(tables)}};
  return out;
}

ImportOutcome import_organisation(SqlStore& store, const json& doc,
                                  const std::function<std::string(app::Transaction&, const ImportOutcome&)>& then) {
  ImportOutcome out;
  auto fail = [&out](std::string problem) {
    out.problem = std::move(problem);
    return out;
  };
  if (!doc.is_object() || doc.value("format", "") != kFormat)
    return fail("filen är ingen export av en organisation från Kravkedja (format saknas)");
  if (doc.value("format_version", 0) != kFormatVersion)
    return fail("exportformatets version " + doc.value("format_version", json()).dump() + " kan inte läsas av den här versionen");
  if (!doc.contains("organisation") || !doc["organisation"].is_object() || !doc["organisation"].value("id", json()).is_string() ||
      !doc.contains("tables") || !doc["tables"].is_object())
    return fail("organisation eller tables saknas i filen");
  out.org_id = doc["organisation"]["id"];
  out.org_name = doc["organisation"].value("name", "");

  SqlTransaction tx(store.acquire(), true);
  SqlConnection& db = tx.connection();
  if (doc.value("schema_version", std::int64_t(0)) > schema_version(db))
    return fail("exporten kommer från en nyare version av Kravkedja (schema " + doc["schema_version"].dump() +
                "); uppdatera den här installationen först");
  if (!db.query("SELECT 1 FROM organisations WHERE org_id = ?", {out.org_id}).empty())
    return fail("organisationen " + out.org_name + " (" + out.org_id + ") finns redan här");
  if (!db.query("SELECT 1 FROM organisations WHERE name = ?", {out.org_name}).empty())
    return fail("en annan organisation heter redan " + out.org_name);

  for (const auto& [table, _] : doc["tables"].items())
    if (std::find(organisation_tables().begin(), organisation_tables().end(), table) == organisation_tables().end())
      return fail("tabellen " + table + " finns inte bland en organisations tabeller");
  for (const auto& table : organisation_tables()) {
    if (!doc["tables"].contains(table)) continue;  // an older export, before the table existed
    const json& t = doc["tables"][table];
    if (!t.is_object() || !t.value("columns", json()).is_array() || !t.value("rows", json()).is_array())
      return fail("tabellen " + table + ": columns och rows saknas");
    std::vector<std::string> columns;
    for (const auto& c : t["columns"]) columns.push_back(c.is_string() ? c.get<std::string>() : "");
    auto known = columns_of(db, store.engine(), table);
    std::size_t org_column = columns.size();
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (std::find(known.begin(), known.end(), columns[i]) == known.end())
        return fail("tabellen " + table + ": kolumnen \"" + columns[i] + "\" finns inte i den här installationen");
      if (columns[i] == "org_id") org_column = i;
    }
    if (org_column == columns.size()) return fail("tabellen " + table + ": kolumnen org_id saknas");
    std::string placeholders;
    for (std::size_t i = 0; i < columns.size(); ++i) placeholders += i ? ", ?" : "?";
    std::string sql = "INSERT INTO " + table + " (" + joined(columns) + ") VALUES (" + placeholders + ")";
    std::size_t n = 0;
    for (const auto& row : t["rows"]) {
      ++n;
      std::string where = "tabellen " + table + " rad " + std::to_string(n);
      if (!row.is_array() || row.size() != columns.size())
        return fail(where + ": ska ha " + std::to_string(columns.size()) + " värden");
      SqlParams params;
      for (const auto& v : row) {
        if (v.is_null()) params.emplace_back(nullptr);
        else if (v.is_string()) params.emplace_back(v.get<std::string>());
        else return fail(where + ": värdena ska vara text eller null");
      }
      // Every row must be the organisation's own: a file cannot slip rows into another one.
      if (row[org_column] != out.org_id) return fail(where + ": org_id är en annan organisations");
      // Shares reach into other organisations: a file must not decide what they see. They are
      // left out and counted; the organisation shares again at its new installation.
      if (table == "content_shares") {
        ++out.shares_left_out;
        continue;
      }
      try {
        db.execute(sql, params);
      } catch (const DbError& e) {
        if (e.kind == DbError::Kind::unavailable) throw;
        std::string detail = e.kind == DbError::Kind::unique_violation ? "finns redan (till exempel ett användarnamn)" : e.what();
        return fail(where + ": " + detail);
      }
      ++out.rows[table];
    }
  }
  // The name as written (not as the file's header says) must be the only one of its kind.
  auto named = db.query("SELECT name FROM organisations WHERE org_id = ?", {out.org_id});
  if (named.empty()) return fail("tabellen organisations saknar organisationens rad");
  out.org_name = named[0].text(0);
  if (db.query("SELECT count(*) FROM organisations WHERE name = ?", {out.org_name}).at(0).integer(0) > 1)
    return fail("en annan organisation heter redan " + out.org_name);
  if (auto problem = then(tx, out); !problem.empty()) return fail(problem);
  tx.commit();
  return out;
}

}  // namespace kk::store
