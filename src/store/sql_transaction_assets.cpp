#include "store/sql_transaction.hpp"

namespace kk::store {
using namespace kk::app;
using namespace kk::domain;

namespace {
constexpr const char* asset_columns =
    "a.org_id, a.asset_id, a.name, a.description, a.owner_user_id, a.owner_unit, a.confidentiality, a.integrity, "
    "a.availability, a.traceability, a.model_id, a.model_version, a.stage, a.method, a.approved_by, "
    "a.approved_at, a.personal_data, a.sensitive_personal_data, a.secrecy, a.security_protection, "
    "a.critical_service, a.version, a.created_at, a.updated_at";

std::optional<int> opt_level(const SqlRow& r, std::size_t i) {
  auto v = r.opt_integer(i);
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

Asset asset_from(const SqlRow& r) {
  Asset a;
  a.org_id = r.text(0);
  a.id = r.text(1);
  a.name = r.text(2);
  a.description = r.text(3);
  a.owner_user_id = r.opt_text(4);
  a.owner_unit = r.text(5);
  a.classification[Aspect::confidentiality] = opt_level(r, 6);
  a.classification[Aspect::integrity] = opt_level(r, 7);
  a.classification[Aspect::availability] = opt_level(r, 8);
  a.classification[Aspect::traceability] = opt_level(r, 9);
  a.model_id = r.text(10);
  a.model_version = static_cast<int>(r.integer(11));
  a.stage = parse_enum<ClassificationStage>(r.text(12)).value_or(ClassificationStage::initial);
  a.method = parse_enum<ClassificationMethod>(r.text(13)).value_or(ClassificationMethod::simple);
  a.approved_by = r.opt_text(14);
  a.approved_at = r.opt_text(15);
  const Flag flags[] = {Flag::personal_data, Flag::sensitive_personal_data, Flag::secrecy,
                        Flag::security_protection, Flag::critical_service};
  for (std::size_t i = 0; i < 5; ++i)
    if (r.boolean(16 + i)) a.flags.insert(flags[i]);
  a.version = r.integer(21);
  a.created_at = r.text(22);
  a.updated_at = r.text(23);
  return a;
}

// The columns asset_values() fills, in its order.
constexpr const char* asset_value_columns =
    "name, description, owner_user_id, owner_unit, confidentiality, integrity, availability, traceability, "
    "model_id, model_version, stage, method, approved_by, approved_at, personal_data, sensitive_personal_data, "
    "secrecy, security_protection, critical_service, updated_at";

SqlParams asset_values(const Asset& a) {
  auto flag = [&](Flag f) { return SqlValue(std::int64_t(a.flags.count(f))); };
  return {a.name, a.description, opt(a.owner_user_id), a.owner_unit,
          opt(a.classification[Aspect::confidentiality]), opt(a.classification[Aspect::integrity]),
          opt(a.classification[Aspect::availability]), opt(a.classification[Aspect::traceability]),
          a.model_id, std::int64_t(a.model_version), std::string(to_string(a.stage)),
          std::string(to_string(a.method)), opt(a.approved_by), opt(a.approved_at), flag(Flag::personal_data),
          flag(Flag::sensitive_personal_data), flag(Flag::secrecy), flag(Flag::security_protection),
          flag(Flag::critical_service), a.updated_at};
}
}  // namespace

std::optional<Asset> SqlTransaction::asset(const std::string& org_id, const std::string& asset_id) {
  auto rows = db().query(std::string("SELECT ") + asset_columns + " FROM assets a WHERE a.org_id = ? AND a.asset_id = ?",
                         {org_id, asset_id});
  if (rows.empty()) return std::nullopt;
  return asset_from(rows[0]);
}

std::vector<Asset> SqlTransaction::assets(const std::string& org_id) {
  return assets_page(org_id, -1, 0);
}

// By name; the index assets_by_name serves the order and the page (migration 0021).
std::vector<Asset> SqlTransaction::assets_page(const std::string& org_id, int limit, std::int64_t offset) {
  std::vector<Asset> out;
  std::string sql = std::string("SELECT ") + asset_columns + " FROM assets a WHERE a.org_id = ? ORDER BY a.name, a.asset_id";
  SqlParams params{org_id};
  add_page(sql, params, limit, offset);
  for (const auto& r : db().query(sql, params)) out.push_back(asset_from(r));
  return out;
}

std::vector<std::pair<std::string, std::string>> SqlTransaction::asset_names(const std::string& org_id) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : db().query("SELECT asset_id, name FROM assets WHERE org_id = ? ORDER BY name, asset_id", {org_id}))
    out.emplace_back(r.text(0), r.text(1));
  return out;
}

std::int64_t SqlTransaction::count_assets(const std::string& org_id) {
  return db().query("SELECT count(*) FROM assets WHERE org_id = ?", {org_id}).at(0).integer(0);
}

void SqlTransaction::insert_asset(const Asset& a) {
  SqlParams params{a.org_id, a.id};
  for (auto& v : asset_values(a)) params.push_back(std::move(v));
  params.push_back(a.version);
  params.push_back(a.created_at);
  db().execute(std::string("INSERT INTO assets (org_id, asset_id, ") + asset_value_columns +
                   ", version, created_at) VALUES (" + placeholders(4 + column_count(asset_value_columns)) + ")",
               params);
}

bool SqlTransaction::update_asset(const Asset& a, std::int64_t expected_version) {
  SqlParams params = asset_values(a);
  params.push_back(a.org_id);
  params.push_back(a.id);
  params.push_back(expected_version);
  return db().execute(std::string("UPDATE assets SET ") + assignments(asset_value_columns) +
                          ", version = version + 1 WHERE org_id = ? AND asset_id = ? AND version = ?",
                      params) == 1;
}

void SqlTransaction::delete_asset(const std::string& org_id, const std::string& asset_id) {
  db().execute("DELETE FROM assets WHERE org_id = ? AND asset_id = ?", {org_id, asset_id});
}

std::vector<std::string> SqlTransaction::cases_of_asset(const std::string& org_id, const std::string& asset_id) {
  std::vector<std::string> ids;
  for (const auto& r :
       db().query("SELECT case_id FROM case_assets WHERE org_id = ? AND asset_id = ? ORDER BY case_id",
                  {org_id, asset_id}))
    ids.push_back(r.text(0));
  return ids;
}

std::vector<Asset> SqlTransaction::case_assets(const std::string& org_id, const std::string& case_id) {
  std::vector<Asset> out;
  for (const auto& r : db().query(std::string("SELECT ") + asset_columns +
                                      " FROM case_assets ca JOIN assets a ON a.org_id = ca.org_id AND "
                                      "a.asset_id = ca.asset_id WHERE ca.org_id = ? AND ca.case_id = ? "
                                      "ORDER BY a.name",
                                  {org_id, case_id}))
    out.push_back(asset_from(r));
  return out;
}

bool SqlTransaction::link_asset(const std::string& org_id, const std::string& case_id, const std::string& asset_id,
                                const std::string& now) {
  return db().execute(
             "INSERT INTO case_assets (org_id, case_id, asset_id, linked_at) VALUES (?, ?, ?, ?) "
             "ON CONFLICT DO NOTHING",
             {org_id, case_id, asset_id, now}) == 1;
}

bool SqlTransaction::unlink_asset(const std::string& org_id, const std::string& case_id,
                                  const std::string& asset_id) {
  return db().execute("DELETE FROM case_assets WHERE org_id = ? AND case_id = ? AND asset_id = ?",
                      {org_id, case_id, asset_id}) == 1;
}

}  // namespace kk::store
