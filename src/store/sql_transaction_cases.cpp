#include <nlohmann/json.hpp>

#include "store/sql_transaction.hpp"

namespace kk::store {
using namespace kk::app;
using namespace kk::domain;

namespace {
constexpr const char* case_columns =
    "org_id, case_id, registry_number, title, kind, need_statement, alternatives, object_type, delivery_model, "
    "law, procedure, estimated_value_sek, tender_deadline, operator, support, hosting_location, "
    "supplier_remote_access, supplier_data_copies, information_location, software_location, hardware_location, "
    "delivery_manager_id, can_receive_incidents, can_run_followups, status, closed_reason, version, created_at, "
    "updated_at, catalogue_ids";

template <class E>
E enum_or(const std::string& text, E fallback) {
  return parse_enum<E>(text).value_or(fallback);
}

std::optional<bool> opt_bool(const SqlRow& r, std::size_t i) {
  if (r.null(i)) return std::nullopt;
  return r.boolean(i);
}

Case case_from(const SqlRow& r) {
  Case c;
  c.org_id = r.text(0);
  c.id = r.text(1);
  c.registry_number = r.text(2);
  c.title = r.text(3);
  c.kind = enum_or(r.text(4), CaseKind::procurement);
  c.need_statement = r.text(5);
  c.alternatives = r.text(6);
  c.object_type = enum_or(r.text(7), ObjectType::service);
  c.delivery_model = enum_or(r.text(8), DeliveryModel::cloud_saas);
  c.law = enum_or(r.text(9), Law::LOU);
  if (!r.null(10)) c.procedure = parse_enum<Procedure>(r.text(10));
  c.estimated_value_sek = r.opt_integer(11);
  c.tender_deadline = r.opt_text(12);
  c.operator_party = enum_or(r.text(13), Party::own);
  c.support = enum_or(r.text(14), Party::own);
  c.hosting_location = enum_or(r.text(15), HostingLocation::own_premises);
  c.supplier_remote_access = r.boolean(16);
  c.supplier_data_copies = r.boolean(17);
  c.information_location = r.text(18);
  c.software_location = r.text(19);
  c.hardware_location = r.text(20);
  c.delivery_manager_id = r.opt_text(21);
  c.can_receive_incidents = opt_bool(r, 22);
  c.can_run_followups = opt_bool(r, 23);
  c.status = enum_or(r.text(24), CaseStatus::open);
  c.closed_reason = r.text(25);
  c.version = r.integer(26);
  c.created_at = r.text(27);
  c.updated_at = r.text(28);
  auto ids = nlohmann::json::parse(r.text(29), nullptr, false);
  if (ids.is_array())
    for (const auto& id : ids)
      if (id.is_string()) c.catalogue_ids.push_back(id.get<std::string>());
  return c;
}

SqlParams case_values(const Case& c) {
  return {c.registry_number,
          c.title,
          std::string(to_string(c.kind)),
          c.need_statement,
          c.alternatives,
          std::string(to_string(c.object_type)),
          std::string(to_string(c.delivery_model)),
          std::string(to_string(c.law)),
          c.procedure ? SqlValue(std::string(to_string(*c.procedure))) : SqlValue(nullptr),
          opt(c.estimated_value_sek),
          opt(c.tender_deadline),
          std::string(to_string(c.operator_party)),
          std::string(to_string(c.support)),
          std::string(to_string(c.hosting_location)),
          std::int64_t(c.supplier_remote_access),
          std::int64_t(c.supplier_data_copies),
          c.information_location,
          c.software_location,
          c.hardware_location,
          opt(c.delivery_manager_id),
          opt(c.can_receive_incidents),
          opt(c.can_run_followups),
          std::string(to_string(c.status)),
          c.closed_reason,
          c.updated_at,
          nlohmann::json(c.catalogue_ids).dump()};
}

constexpr const char* case_value_columns =
    "registry_number, title, kind, need_statement, alternatives, object_type, delivery_model, law, procedure, "
    "estimated_value_sek, tender_deadline, operator, support, hosting_location, supplier_remote_access, "
    "supplier_data_copies, information_location, software_location, hardware_location, delivery_manager_id, "
    "can_receive_incidents, can_run_followups, status, closed_reason, updated_at, catalogue_ids";
}  // namespace

// Every list of cases is one select of the same columns, under a condition (and order) of its own.
std::vector<Case> SqlTransaction::cases_where(const std::string& condition, const SqlParams& params) {
  std::vector<Case> out;
  for (const auto& r : db().query(std::string("SELECT ") + case_columns + " FROM cases WHERE " + condition, params))
    out.push_back(case_from(r));
  return out;
}

std::optional<Case> SqlTransaction::get_case(const std::string& org_id, const std::string& case_id) {
  auto rows = db().query(std::string("SELECT ") + case_columns + " FROM cases WHERE org_id = ? AND case_id = ?",
                         {org_id, case_id});
  if (rows.empty()) return std::nullopt;
  return case_from(rows[0]);
}

std::optional<Case> SqlTransaction::case_by_registry_number(const std::string& org_id, const std::string& number) {
  auto rows = db().query(
      std::string("SELECT ") + case_columns + " FROM cases WHERE org_id = ? AND registry_number = ?",
      {org_id, number});
  if (rows.empty()) return std::nullopt;
  return case_from(rows[0]);
}

// The index contracts_case_supplier (org_id, case_id, …) serves the inner read.
std::vector<Case> SqlTransaction::cases_with_contracts(const std::string& org_id) {
  return cases_where("org_id = ? AND case_id IN (SELECT case_id FROM contracts WHERE org_id = ?)", {org_id, org_id});
}

std::vector<Case> SqlTransaction::cases(const std::string& org_id) {
  return cases_page(org_id, -1, 0);
}

// Newest first; the index cases_by_created serves the order and the page (migration 0021).
std::vector<Case> SqlTransaction::cases_page(const std::string& org_id, int limit, std::int64_t offset) {
  std::string condition = "org_id = ? ORDER BY created_at DESC, case_id DESC";
  SqlParams params{org_id};
  add_page(condition, params, limit, offset);
  return cases_where(condition, params);
}

// The indexes case_team_by_user and cases_by_delivery_manager serve both halves (migration 0023).
std::vector<Case> SqlTransaction::cases_of_user(const std::string& org_id, const std::string& user_id) {
  return cases_where(
      "org_id = ? AND status = 'open' AND (delivery_manager_id = ? OR case_id IN "
      "(SELECT case_id FROM case_team WHERE org_id = ? AND user_id = ?)) ORDER BY created_at DESC, case_id DESC",
      {org_id, user_id, org_id, user_id});
}

std::int64_t SqlTransaction::count_cases(const std::string& org_id) {
  return db().query("SELECT count(*) FROM cases WHERE org_id = ?", {org_id}).at(0).integer(0);
}

void SqlTransaction::insert_case(const Case& c) {
  SqlParams params{c.org_id, c.id, c.version, c.created_at};
  for (auto& v : case_values(c)) params.push_back(std::move(v));
  db().execute(std::string("INSERT INTO cases (org_id, case_id, version, created_at, ") + case_value_columns +
                   ") VALUES (" + placeholders(4 + column_count(case_value_columns)) + ")",
               params);
}

bool SqlTransaction::update_case(const Case& c, std::int64_t expected_version) {
  SqlParams params = case_values(c);
  params.push_back(c.org_id);
  params.push_back(c.id);
  params.push_back(expected_version);
  return db().execute("UPDATE cases SET " + assignments(case_value_columns) +
                          ", version = version + 1 WHERE org_id = ? AND case_id = ? AND version = ?",
                      params) == 1;
}

namespace {
constexpr const char* decision_select =
    "SELECT d.decision_id, d.case_id, d.seq, d.gate, d.outcome, d.rationale, d.decided_by, "
    "COALESCE(u.display_name, d.decided_by), d.decided_at FROM decisions d LEFT JOIN users u "
    "ON u.org_id = d.org_id AND u.user_id = d.decided_by ";

std::vector<Decision> decisions_from(const SqlRows& rows) {
  std::vector<Decision> out;
  for (const auto& r : rows) {
    Decision d;
    d.id = r.text(0);
    d.case_id = r.text(1);
    d.seq = static_cast<int>(r.integer(2));
    d.gate = enum_or(r.text(3), Gate::need_identified);
    d.outcome = enum_or(r.text(4), Outcome::approved);
    d.rationale = r.text(5);
    d.decided_by = r.text(6);
    d.decided_by_name = r.text(7);
    d.decided_at = r.text(8);
    out.push_back(std::move(d));
  }
  return out;
}
}  // namespace

std::vector<Decision> SqlTransaction::decisions(const std::string& org_id, const std::string& case_id) {
  return decisions_from(db().query(std::string(decision_select) + "WHERE d.org_id = ? AND d.case_id = ? ORDER BY d.seq",
                                   {org_id, case_id}));
}

std::vector<Decision> SqlTransaction::organisation_decisions(const std::string& org_id) {
  return decisions_from(
      db().query(std::string(decision_select) + "WHERE d.org_id = ? ORDER BY d.case_id, d.seq", {org_id}));
}

void SqlTransaction::insert_decision(const std::string& org_id, const Decision& d) {
  db().execute(
      "INSERT INTO decisions (org_id, decision_id, case_id, seq, gate, outcome, rationale, decided_by, decided_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {org_id, d.id, d.case_id, std::int64_t(d.seq), std::string(to_string(d.gate)),
       std::string(to_string(d.outcome)), d.rationale, d.decided_by, d.decided_at});
}

std::vector<ActivityState> SqlTransaction::activities(const std::string& org_id, const std::string& case_id) {
  std::vector<ActivityState> out;
  for (const auto& r : db().query(
           "SELECT a.activity_key, a.status, a.comment, a.done_by, COALESCE(u.display_name, ''), a.done_at, "
           "a.version FROM case_activities a LEFT JOIN users u ON u.org_id = a.org_id AND u.user_id = a.done_by "
           "WHERE a.org_id = ? AND a.case_id = ?",
           {org_id, case_id}))
    out.push_back({r.text(0), enum_or(r.text(1), ActivityStatus::open), r.text(2), r.opt_text(3), r.text(4),
                   r.opt_text(5), r.integer(6)});
  return out;
}

bool SqlTransaction::upsert_activity(const std::string& org_id, const std::string& case_id, const ActivityState& a,
                                     std::int64_t expected_version) {
  if (expected_version == 0) {
    return db().execute(
               "INSERT INTO case_activities (org_id, case_id, activity_key, status, comment, done_by, done_at, "
               "version) VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT DO NOTHING",
               {org_id, case_id, a.key, std::string(to_string(a.status)), a.comment, opt(a.done_by),
                opt(a.done_at)}) == 1;
  }
  return db().execute(
             "UPDATE case_activities SET status = ?, comment = ?, done_by = ?, done_at = ?, version = version + 1 "
             "WHERE org_id = ? AND case_id = ? AND activity_key = ? AND version = ?",
             {std::string(to_string(a.status)), a.comment, opt(a.done_by), opt(a.done_at), org_id, case_id, a.key,
              expected_version}) == 1;
}

std::vector<TeamMember> SqlTransaction::team(const std::string& org_id, const std::string& case_id) {
  std::vector<TeamMember> out;
  for (const auto& r : db().query(
           "SELECT t.user_id, u.display_name, t.competence FROM case_team t JOIN users u ON u.org_id = t.org_id "
           "AND u.user_id = t.user_id WHERE t.org_id = ? AND t.case_id = ? ORDER BY u.display_name, t.competence",
           {org_id, case_id}))
    out.push_back({r.text(0), r.text(1), r.text(2)});
  return out;
}

bool SqlTransaction::add_team_member(const std::string& org_id, const std::string& case_id, const TeamMember& m,
                                     const std::string& now) {
  return db().execute(
             "INSERT INTO case_team (org_id, case_id, user_id, competence, added_at) VALUES (?, ?, ?, ?, ?) "
             "ON CONFLICT DO NOTHING",
             {org_id, case_id, m.user_id, m.competence, now}) == 1;
}

bool SqlTransaction::remove_team_member(const std::string& org_id, const std::string& case_id, const TeamMember& m) {
  return db().execute(
             "DELETE FROM case_team WHERE org_id = ? AND case_id = ? AND user_id = ? AND competence = ?",
             {org_id, case_id, m.user_id, m.competence}) == 1;
}

}  // namespace kk::store
