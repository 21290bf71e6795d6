#include <nlohmann/json.hpp>

#include "app/views.hpp"
#include "store/sql_transaction.hpp"

namespace kk::store {
using namespace kk::app;
using namespace kk::domain;
using nlohmann::json;

namespace {
std::string reasons_text(const std::vector<Reason>& reasons) {
  json out = json::array();
  for (const auto& r : reasons) {
    json facts = json::object();
    for (const auto& [k, v] : r.facts) facts[k] = fact_value_json(v);
    out.push_back({{"rule_set", r.rule_set}, {"version", r.rule_set_version}, {"rule", r.rule_id}, {"facts", facts}});
  }
  return out.dump();
}

std::vector<Reason> reasons_from(const std::string& text) {
  std::vector<Reason> out;
  json j = json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& r : j) {
    Reason reason{r.value("rule_set", ""), r.value("version", 1), r.value("rule", ""), {}};
    if (r.contains("facts"))
      for (const auto& item : r["facts"].items()) reason.facts[item.key()] = fact_value_from_json(item.value());
    out.push_back(std::move(reason));
  }
  return out;
}

constexpr const char* entry_value_columns =
    "catalogue_id, origin, status, kind, weight, locked, keep, reasons, note, case_text, changed_by, changed_at";

SqlParams entry_values(const SpecEntry& e) {
  return {e.catalogue_id,
          std::string(to_string(e.origin)),
          std::string(to_string(e.status)),
          std::string(to_string(e.kind)),
          e.kind == RequirementKind::bor ? SqlValue(std::int64_t(e.weight)) : SqlValue(nullptr),
          std::int64_t(e.locked),
          std::int64_t(e.keep),
          reasons_text(e.reasons),
          e.note,
          e.case_text,
          opt(e.changed_by),
          opt(e.changed_at)};
}
}  // namespace

std::optional<StoredSpecification> SqlTransaction::specification(const std::string& org_id, const std::string& case_id) {
  auto rows = db().query(
      "SELECT catalogue_id, catalogue_version, rule_sets, frozen, version, created_at, updated_at, catalogues "
      "FROM specifications WHERE org_id = ? AND case_id = ?",
      {org_id, case_id});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  StoredSpecification s{r.text(0), static_cast<int>(r.integer(1)), r.text(2), r.boolean(3), r.integer(4),
                        r.text(5),  r.text(6), r.text(7)};
  if (s.catalogues_json.empty())
    s.catalogues_json = json::array({{{"id", s.catalogue_id}, {"version", s.catalogue_version}}}).dump();
  return s;
}

void SqlTransaction::insert_specification(const std::string& org_id, const std::string& case_id,
                                          const StoredSpecification& s) {
  db().execute(
      "INSERT INTO specifications (org_id, case_id, catalogue_id, catalogue_version, rule_sets, frozen, version, "
      "created_at, updated_at, catalogues) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {org_id, case_id, s.catalogue_id, std::int64_t(s.catalogue_version), s.rule_sets_json, std::int64_t(s.frozen),
       s.version, s.created_at, s.updated_at, s.catalogues_json});
}

bool SqlTransaction::touch_specification(const std::string& org_id, const std::string& case_id,
                                         std::int64_t expected_version, const std::string& now) {
  return db().execute(
             "UPDATE specifications SET version = version + 1, updated_at = ? WHERE org_id = ? AND case_id = ? AND "
             "version = ?",
             {now, org_id, case_id, expected_version}) == 1;
}

std::vector<SpecEntry> SqlTransaction::specification_entries(const std::string& org_id, const std::string& case_id) {
  std::vector<SpecEntry> out;
  for (const auto& r : db().query(std::string("SELECT requirement_id, ") + entry_value_columns +
                                      ", version FROM specification_entries WHERE org_id = ? AND case_id = ? "
                                      "ORDER BY requirement_id",
                                  {org_id, case_id})) {
    SpecEntry e;
    e.requirement_id = r.text(0);
    e.catalogue_id = r.text(1);
    e.origin = parse_enum<EntryOrigin>(r.text(2)).value_or(EntryOrigin::rule);
    e.status = parse_enum<EntryStatus>(r.text(3)).value_or(EntryStatus::active);
    e.kind = parse_enum<RequirementKind>(r.text(4)).value_or(RequirementKind::ska);
    e.weight = static_cast<int>(r.opt_integer(5).value_or(0));
    e.locked = r.boolean(6);
    e.keep = r.boolean(7);
    e.reasons = reasons_from(r.text(8));
    e.note = r.text(9);
    e.case_text = r.text(10);
    e.changed_by = r.opt_text(11);
    e.changed_at = r.opt_text(12);
    e.version = r.integer(13);
    out.push_back(std::move(e));
  }
  return out;
}

void SqlTransaction::insert_spec_entry(const std::string& org_id, const std::string& case_id, const SpecEntry& e) {
  SqlParams params{org_id, case_id, e.requirement_id};
  for (auto& v : entry_values(e)) params.push_back(std::move(v));
  params.push_back(e.version);
  db().execute(std::string("INSERT INTO specification_entries (org_id, case_id, requirement_id, ") +
                   entry_value_columns + ", version) VALUES (" + placeholders(4 + column_count(entry_value_columns)) +
                   ")",
               params);
}

bool SqlTransaction::update_spec_entry(const std::string& org_id, const std::string& case_id, const SpecEntry& e,
                                       std::int64_t expected_version) {
  SqlParams params = entry_values(e);
  for (SqlValue v : {SqlValue(org_id), SqlValue(case_id), SqlValue(e.requirement_id), SqlValue(expected_version)})
    params.push_back(std::move(v));
  return db().execute(std::string("UPDATE specification_entries SET ") + assignments(entry_value_columns) +
                          ", version = version + 1 WHERE org_id = ? AND case_id = ? AND requirement_id = ? AND "
                          "version = ?",
                      params) == 1;
}

}  // namespace kk::store

namespace kk::store {
using namespace kk::app;

std::vector<ContentSource> SqlTransaction::content_sources(const std::string& org_id) {
  std::vector<ContentSource> out;
  for (const auto& r : db().query(
           "SELECT kind, content_id, version, name, imported_by, imported_at FROM content_sources WHERE org_id = ? "
           "ORDER BY kind, content_id, version",
           {org_id}))
    out.push_back({r.text(0), r.text(1), static_cast<int>(r.integer(2)), r.text(3), {}, r.opt_text(4), r.text(5), {}});
  return out;
}

std::optional<ContentSource> SqlTransaction::content_source(const std::string& org_id, const std::string& kind,
                                                            const std::string& id, int version) {
  auto rows = db().query(
      "SELECT kind, content_id, version, name, yaml, imported_by, imported_at FROM content_sources WHERE org_id = ? "
      "AND kind = ? AND content_id = ? AND version = ?",
      {org_id, kind, id, std::int64_t(version)});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return ContentSource{r.text(0), r.text(1), static_cast<int>(r.integer(2)), r.text(3), r.text(4), r.opt_text(5),
                       r.text(6), {}};
}

void SqlTransaction::insert_content_source(const std::string& org_id, const ContentSource& s) {
  db().execute(
      "INSERT INTO content_sources (org_id, kind, content_id, version, name, yaml, imported_by, imported_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {org_id, s.kind, s.id, std::int64_t(s.version), s.name, s.yaml, opt(s.imported_by), s.imported_at});
}

std::vector<ContentSource> SqlTransaction::shared_content_sources(const std::string& org_id) {
  std::vector<ContentSource> out;
  for (const auto& r : db().query(
           "SELECT c.kind, c.content_id, c.version, c.name, c.imported_by, c.imported_at, c.org_id FROM content_shares s "
           "JOIN content_sources c ON c.org_id = s.org_id AND c.kind = s.kind AND c.content_id = s.content_id "
           "WHERE s.shared_with = ? ORDER BY c.kind, c.content_id, c.version",
           {org_id}))
    out.push_back({r.text(0), r.text(1), static_cast<int>(r.integer(2)), r.text(3), {}, r.opt_text(4), r.text(5),
                   r.text(6)});
  return out;
}

std::vector<ContentShare> SqlTransaction::shares_by(const std::string& owner_org_id) {
  std::vector<ContentShare> out;
  for (const auto& r : db().query(
           "SELECT s.org_id, o.name, s.kind, s.content_id, s.shared_with, w.name, s.shared_at FROM content_shares s "
           "JOIN organisations o ON o.org_id = s.org_id JOIN organisations w ON w.org_id = s.shared_with "
           "WHERE s.org_id = ? ORDER BY s.kind, s.content_id, w.name",
           {owner_org_id}))
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6)});
  return out;
}

bool SqlTransaction::insert_share(const ContentShare& s) {
  return db().execute(
             "INSERT INTO content_shares (org_id, kind, content_id, shared_with, shared_at) VALUES (?, ?, ?, ?, ?) "
             "ON CONFLICT DO NOTHING",
             {s.owner_org_id, s.kind, s.id, s.shared_with, s.shared_at}) == 1;
}

bool SqlTransaction::delete_share(const std::string& owner_org_id, const std::string& kind, const std::string& id,
                                  const std::string& shared_with) {
  return db().execute("DELETE FROM content_shares WHERE org_id = ? AND kind = ? AND content_id = ? AND shared_with = ?",
                      {owner_org_id, kind, id, shared_with}) == 1;
}

bool SqlTransaction::set_specification_versions(const std::string& org_id, const std::string& case_id,
                                                const StoredSpecification& v, std::int64_t expected_version,
                                                const std::string& now) {
  return db().execute(
             "UPDATE specifications SET catalogue_id = ?, catalogue_version = ?, rule_sets = ?, catalogues = ?, "
             "version = version + 1, updated_at = ? WHERE org_id = ? AND case_id = ? AND version = ?",
             {v.catalogue_id, std::int64_t(v.catalogue_version), v.rule_sets_json, v.catalogues_json, now, org_id,
              case_id, expected_version}) == 1;
}

}  // namespace kk::store
