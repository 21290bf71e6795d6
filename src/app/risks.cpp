#include "app/risks.hpp"
#include "domain/text.hpp"

#include "app/case_document.hpp"
#include "app/case_evaluation.hpp"
#include "app/case_records.hpp"

#include <algorithm>

#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "app/input.hpp"
#include "io/risk_colours.hpp"
#include "app/clock.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {
constexpr auto risk_fields = {"stage", "title", "description", "asset_ids", "aspects", "likelihood", "consequence",
                              "owner_user_id", "treatment", "requirement_ids", "residual_likelihood",
                              "residual_consequence", "decision", "decision_rationale", "reviewed", "version"};

Status check_fields(const json& body) {
  KK_TRY(input::require_object(body));
  return input::only_fields(body, risk_fields);
}

Result<std::vector<std::string>> text_array(const json& body, const char* key) {
  std::vector<std::string> out;
  if (!body[key].is_array()) return Error::invalid("error.type_array", key);
  for (const auto& v : body[key]) {
    if (!v.is_string()) return Error::invalid("error.type_text", key);
    if (std::find(out.begin(), out.end(), v.get<std::string>()) == out.end()) out.push_back(v.get<std::string>());
  }
  return out;
}

json level_json(const RiskMatrix& m, int likelihood, int consequence, Language lang) {
  const RiskLevel& level = m.level(likelihood, consequence);
  return {{"key", level.key}, {"name", level.name.in(lang)}, {"acceptable", m.acceptable(likelihood, consequence)}};
}
}  // namespace

const RiskMatrix& RiskService::matrix_of(Transaction& tx, const std::string& org_id) const {
  auto org = tx.organisation(org_id);
  return content_.risk_matrix(org ? org->risk_matrix : content_.default_risk_matrix);
}

std::string RiskService::facts_signature(Transaction& tx, const Case& c) {
  auto cc = classify_case(classification_sources(tx, c));
  std::string s;
  for (Aspect a : all_aspects) s += cc[a].level ? std::to_string(*cc[a].level) : "-";
  s += "|" + std::string(to_string(c.delivery_model)) + "|" + std::string(to_string(c.hosting_location)) + "|" +
       std::string(to_string(c.operator_party)) + "|" + std::string(to_string(c.support));
  return s;
}

json RiskService::risk_json(const Actor& actor, const RiskMatrix& m, const Risk& r, const UserNames& names) const {
  json aspects = json::array();
  for (Aspect a : r.aspects) aspects.push_back(to_string(a));
  auto name_of = [&](const std::optional<std::string>& id) {
    if (!id || !names.count(*id)) return json();
    return json(names.at(*id));
  };
  bool has_residual = r.residual_likelihood && r.residual_consequence;
  return {{"id", r.id},
          {"version", r.version},
          {"case_id", r.case_id},
          {"stage", to_string(r.stage)},
          {"title", r.title},
          {"description", r.description},
          {"asset_ids", r.asset_ids},
          {"aspects", aspects},
          {"matrix", {{"id", r.matrix_id}, {"version", r.matrix_version}}},
          {"likelihood", r.likelihood},
          {"consequence", r.consequence},
          {"level", level_json(m, r.likelihood, r.consequence, actor.lang)},
          {"owner_user_id", r.owner_user_id ? json(*r.owner_user_id) : json()},
          {"owner_name", name_of(r.owner_user_id)},
          {"treatment", to_string(r.treatment)},
          {"requirement_ids", r.requirement_ids},
          {"residual_likelihood", r.residual_likelihood ? json(*r.residual_likelihood) : json()},
          {"residual_consequence", r.residual_consequence ? json(*r.residual_consequence) : json()},
          {"residual_level",
           has_residual ? level_json(m, *r.residual_likelihood, *r.residual_consequence, actor.lang) : json()},
          {"decision", r.decision ? json(to_string(*r.decision)) : json()},
          {"decision_rationale", r.decision_rationale},
          {"decided_by", r.decided_by ? json(*r.decided_by) : json()},
          {"decided_by_name", name_of(r.decided_by)},
          {"decided_at", r.decided_at ? json(*r.decided_at) : json()},
          {"copied_from", r.copied_from ? json(*r.copied_from) : json()},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

Status RiskService::apply(Transaction& tx, const Actor& actor, const Case& c, const RiskMatrix& m, const json& body,
                          Risk& r) {
  const Risk before = r;
  KK_TRY(input::enumeration(body, "stage", r.stage));
  KK_TRY(input::text(body, "title", r.title, input::short_text));
  KK_TRY(input::text(body, "description", r.description, input::long_text));
  KK_TRY(input::enumeration(body, "treatment", r.treatment));
  auto integer = [&](const char* key, int& out) -> Status {
    std::int64_t v = out;
    KK_TRY(input::integer(body, key, v));
    out = static_cast<int>(v);
    return ok();
  };
  KK_TRY(integer("likelihood", r.likelihood));
  KK_TRY(integer("consequence", r.consequence));
  KK_TRY(m.check(r.likelihood, r.consequence));
  for (const char* key : {"residual_likelihood", "residual_consequence"}) {
    if (!body.contains(key)) continue;
    std::optional<std::int64_t> v;
    KK_TRY(input::optional_integer(body, key, v, 1, m.size()));
    auto& target = std::string(key) == "residual_likelihood" ? r.residual_likelihood : r.residual_consequence;
    target = v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
  }
  if (r.residual_likelihood && *r.residual_likelihood > r.likelihood)
    return Error::unprocessable("error.residual_above_inherent", "residual_likelihood");
  if (r.residual_consequence && *r.residual_consequence > r.consequence)
    return Error::unprocessable("error.residual_above_inherent", "residual_consequence");
  if (body.contains("aspects")) {
    auto names = KK_TRY(text_array(body, "aspects"));
    r.aspects.clear();
    for (const auto& n : names) {
      auto a = parse_enum<Aspect>(n);
      if (!a) return Error::unprocessable("error.unknown_value", "aspects").with("value", n);
      r.aspects.push_back(*a);
    }
  }
  if (body.contains("asset_ids")) {
    r.asset_ids = KK_TRY(text_array(body, "asset_ids"));
    auto linked = tx.case_assets(actor.org_id(), c.id);
    for (const auto& id : r.asset_ids)
      if (std::none_of(linked.begin(), linked.end(), [&](const Asset& a) { return a.id == id; }))
        return Error::unprocessable("error.asset_not_in_case", "asset_ids").with("value", id);
  }
  if (body.contains("requirement_ids")) {
    r.requirement_ids = KK_TRY(text_array(body, "requirement_ids"));
    std::set<std::string> in_spec;
    for (const auto& e : current_entries(tx, content_, registry_, c)) in_spec.insert(e.requirement_id);
    for (const auto& id : r.requirement_ids)
      if (!in_spec.count(id))
        return Error::unprocessable("error.requirement_not_in_specification", "requirement_ids").with("value", id);
  }
  if (body.contains("owner_user_id")) {
    KK_TRY(input::optional_text(body, "owner_user_id", r.owner_user_id, 64));
    if (r.owner_user_id && !tx.user(actor.org_id(), *r.owner_user_id))
      return Error::unprocessable("error.unknown_user", "owner_user_id");
  }

  // A decision concerns a given residual risk and its measures: when they change, it lapses.
  bool assessed_again = r.likelihood != before.likelihood || r.consequence != before.consequence ||
                        r.residual_likelihood != before.residual_likelihood ||
                        r.residual_consequence != before.residual_consequence ||
                        r.requirement_ids != before.requirement_ids || r.asset_ids != before.asset_ids;
  if (assessed_again && before.decision) {
    r.decision.reset();
    r.decided_by.reset();
    r.decided_at.reset();
    r.decision_rationale.clear();
  }
  if (body.contains("decision")) {
    std::optional<RiskDecision> decision;
    KK_TRY(input::optional_enumeration(body, "decision", decision));
    std::string rationale;
    KK_TRY(input::text(body, "decision_rationale", rationale, input::long_text));
    if (decision) {
      // The harm falls on the information owner of the affected assets, so they decide.
      if (r.asset_ids.empty()) return Error::unprocessable("error.decision_needs_assets", "asset_ids");
      bool owner = false;
      for (const auto& a : tx.case_assets(actor.org_id(), c.id))
        if (std::find(r.asset_ids.begin(), r.asset_ids.end(), a.id) != r.asset_ids.end() &&
            a.owner_user_id == actor.user.id)
          owner = true;
      if (!owner || !actor.user.has(Role::information_owner))
        return Error{ErrorKind::forbidden, "error.only_asset_owner_decides", "decision", {}};
      if (blank(rationale))
        return Error::unprocessable("error.required", "decision_rationale");
      r.decided_by = actor.user.id;
      r.decided_at = now_utc();
    } else {
      r.decided_by.reset();
      r.decided_at.reset();
    }
    r.decision = decision;
    r.decision_rationale = rationale;
  }
  if (blank(r.title)) return Error::unprocessable("error.required", "title");
  return ok();
}

Result<json> RiskService::list(const Actor& actor, const std::string& case_id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    const RiskMatrix& m = matrix_of(tx, actor.org_id());
    auto names = user_names(tx.users(actor.org_id()));
    std::string facts = facts_signature(tx, *c);
    json items = json::array();
    int review = 0;
    for (const auto& r : tx.risks(actor.org_id(), case_id)) {
      json j = risk_json(actor, m, r, names);
      j["needs_review"] = r.facts_signature != facts;
      review += r.facts_signature != facts ? 1 : 0;
      items.push_back(std::move(j));
    }
    return json{{"items", items}, {"matrix", {{"id", m.id}, {"version", m.version}}}, {"needs_review", review}};
  });
}

Result<json> RiskService::get(const Actor& actor, const std::string& case_id, const std::string& risk_id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto r = tx.risk(actor.org_id(), risk_id);
    if (!r || r->case_id != case_id) return Error::not_found();
    return risk_json(actor, matrix_of(tx, actor.org_id()), *r, user_names(tx.users(actor.org_id())));
  });
}

Result<json> RiskService::create(const Actor& actor, const std::string& case_id, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, Permission::edit_risks));
    KK_TRY(check_fields(body));
    for (const char* f : {"title", "likelihood", "consequence"}) KK_TRY(input::require(body, f));
    const RiskMatrix& m = matrix_of(tx, actor.org_id());
    Risk r;
    r.id = new_id();
    r.case_id = case_id;
    r.matrix_id = m.id;
    r.matrix_version = m.version;
    r.created_at = r.updated_at = now_utc();
    r.facts_signature = facts_signature(tx, *c);
    KK_TRY(apply(tx, actor, *c, m, body, r));
    tx.insert_risk(actor.org_id(), r);
    json after = risk_json(actor, m, r, user_names(tx.users(actor.org_id())));
    record_audit(tx, actor, "risk.create", "risk", r.id, nullptr, after);
    return after;
  });
}

Result<json> RiskService::update(const Actor& actor, const std::string& case_id, const std::string& risk_id,
                                 const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    auto current = tx.risk(actor.org_id(), risk_id);
    if (!c || !current || current->case_id != case_id) return Error::not_found();
    // Deciding is the information owner's; everything else needs the right to edit risks.
    bool only_decision = body.is_object() && (body.contains("decision") || body.contains("decision_rationale")) &&
                         std::all_of(body.items().begin(), body.items().end(), [](const auto& item) {
                           return item.key() == "decision" || item.key() == "decision_rationale" || item.key() == "version";
                         });
    // The risk owner reviews and completes their own risk, whatever their role.
    bool own_risk = current->owner_user_id && *current->owner_user_id == actor.user.id;
    if (!only_decision && !own_risk) KK_TRY(authorize(actor, Permission::edit_risks));
    KK_TRY(check_fields(body));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    const RiskMatrix& m = content_.risk_matrix(current->matrix_id);
    auto names = user_names(tx.users(actor.org_id()));
    json before = risk_json(actor, m, *current, names);
    if (current->version != version) return stale(before);
    Risk next = *current;
    next.updated_at = now_utc();
    // Any assessment of the risk (or marking it reviewed) records the facts it was made on.
    bool reviewed = false;
    KK_TRY(input::boolean(body, "reviewed", reviewed));
    if (!only_decision || reviewed) next.facts_signature = facts_signature(tx, *c);
    KK_TRY(apply(tx, actor, *c, m, body, next));
    if (!tx.update_risk(actor.org_id(), next, version)) return stale(before);
    next.version = version + 1;
    json after = risk_json(actor, m, next, names);
    record_audit(tx, actor, "risk.update", "risk", risk_id, before, after);
    return after;
  });
}

Status RiskService::remove(const Actor& actor, const std::string& case_id, const std::string& risk_id) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Status {
    auto current = tx.risk(actor.org_id(), risk_id);
    if (!current || current->case_id != case_id) return Error::not_found();
    KK_TRY(authorize(actor, Permission::edit_risks));
    tx.delete_risk(actor.org_id(), risk_id);
    record_audit(tx, actor, "risk.delete", "risk", risk_id,
                 risk_json(actor, content_.risk_matrix(current->matrix_id), *current, {}), nullptr);
    return ok();
  });
}

Result<json> RiskService::copy_stage(const Actor& actor, const std::string& case_id, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, Permission::edit_risks));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"from", "to"}));
    KK_TRY(input::require(body, "from"));
    KK_TRY(input::require(body, "to"));
    RiskStage from = RiskStage::initial, to = RiskStage::deep;
    KK_TRY(input::enumeration(body, "from", from));
    KK_TRY(input::enumeration(body, "to", to));
    if (static_cast<int>(to) <= static_cast<int>(from)) return Error::unprocessable("error.stage_not_later", "to");
    auto all = tx.risks(actor.org_id(), case_id);
    json copied = json::array();
    std::string now = now_utc(), facts = facts_signature(tx, *c);
    for (const auto& r : all) {
      if (r.stage != from) continue;
      bool done = std::any_of(all.begin(), all.end(), [&](const Risk& x) { return x.copied_from == r.id && x.stage == to; });
      if (done) continue;  // copying twice would duplicate the register
      Risk copy = r;
      copy.id = new_id();
      copy.stage = to;
      copy.copied_from = r.id;
      copy.decision.reset();
      copy.decided_by.reset();
      copy.decided_at.reset();
      copy.decision_rationale.clear();
      copy.facts_signature = facts;
      copy.version = 1;
      copy.created_at = copy.updated_at = now;
      tx.insert_risk(actor.org_id(), copy);
      copied.push_back(copy.id);
    }
    record_audit(tx, actor, "risk.copy_stage", "case", case_id, nullptr,
                 {{"from", to_string(from)}, {"to", to_string(to)}, {"risks", copied}});
    return json{{"copied", copied.size()}, {"ids", copied}};
  });
}

namespace {
json assessment_json(const RiskAssessment& a, const UserNames& names) {
  json people = json::array();
  for (const auto& id : a.participants)
    people.push_back({{"user_id", id}, {"display_name", names.count(id) ? json(names.at(id)) : json()}});
  return {{"stage", to_string(a.stage)}, {"participants", people}, {"notes", a.notes}, {"version", a.version},
          {"updated_by", a.updated_by ? json(*a.updated_by) : json()},
          {"updated_at", a.updated_at.empty() ? json() : json(a.updated_at)}};
}
}  // namespace

Result<json> RiskService::assessments(const Actor& actor, const std::string& case_id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    auto names = user_names(tx.users(actor.org_id()));
    auto stored = tx.risk_assessments(actor.org_id(), case_id);
    json items = json::array();
    for (auto name : enum_names(RiskStage{})) {
      RiskAssessment a;
      a.stage = *parse_enum<RiskStage>(name);
      for (const auto& s : stored)
        if (s.stage == a.stage) a = s;
      items.push_back(assessment_json(a, names));
    }
    return json{{"items", items}};
  });
}

Result<json> RiskService::save_assessment(const Actor& actor, const std::string& case_id, const std::string& stage,
                                          const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    KK_TRY(authorize(actor, Permission::edit_risks));
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"version", "participants", "notes"}));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    auto parsed_stage = parse_enum<RiskStage>(stage);
    if (!parsed_stage) return Error::not_found();
    RiskAssessment next;
    next.stage = *parsed_stage;
    if (body.contains("participants")) next.participants = KK_TRY(text_array(body, "participants"));
    KK_TRY(input::text(body, "notes", next.notes, input::long_text));
    for (const auto& id : next.participants)
      if (!tx.user(actor.org_id(), id)) return Error::unprocessable("error.unknown_user", "participants");
    RiskAssessment current;
    current.stage = next.stage;
    for (const auto& s : tx.risk_assessments(actor.org_id(), case_id))
      if (s.stage == next.stage) current = s;
    auto names = user_names(tx.users(actor.org_id()));
    if (current.version != version) return stale(assessment_json(current, names));
    next.updated_by = actor.user.id;
    next.updated_at = now_utc();
    if (!tx.save_risk_assessment(actor.org_id(), case_id, next, version)) return stale(assessment_json(current, names));
    next.version = version + 1;
    record_audit(tx, actor, "risk.assessment", "case", case_id, current.version ? assessment_json(current, names) : json(),
                 assessment_json(next, names));
    return assessment_json(next, names);
  });
}

Result<io::SpecDocument> RiskService::report(const Actor& actor, const std::string& case_id) {
  auto list = this->list(actor, case_id);
  if (!list) return list.error();
  auto t = [&](const std::string& key) { return content_.messages.text(actor.lang, key); };
  auto started = read([&](Transaction& tx) -> Result<io::SpecDocument> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    return case_document(tx, content_, actor.lang, *c, t("ui.risks.title"));
  });
  if (!started) return started.error();
  json m = matrix(actor);
  io::SpecDocument doc = std::move(started).value();
  doc.intro = {t("ui.risks.intro"), t("field.risk_matrix") + ": " + m["name"].get<std::string>() + "."};

  const std::size_t n = m["likelihood"].size();
  auto level_index = [&](std::size_t l, std::size_t k) {
    for (std::size_t i = 0; i < m["levels"].size(); ++i)
      if (m["levels"][i]["key"] == m["matrix"][l][k]) return i;
    return std::size_t{0};
  };
  auto heat_table = [&](const std::vector<std::vector<int>>& counts) {
    io::DocTable table;
    std::vector<std::string> header{t("field.likelihood") + " \\ " + t("field.consequence")};
    std::vector<std::string> header_fill{""};
    for (const auto& s : m["consequence"]) {
      header.push_back(std::to_string(s["level"].get<int>()) + " " + s["name"].get<std::string>());
      header_fill.push_back("");
    }
    table.cells.push_back(header);
    table.fills.push_back(header_fill);
    for (std::size_t row = 0; row < n; ++row) {
      std::size_t l = n - 1 - row;  // the highest likelihood first, as on the page
      std::vector<std::string> cells{std::to_string(l + 1) + " " + m["likelihood"][l]["name"].get<std::string>()};
      std::vector<std::string> cell_fills{""};
      for (std::size_t k = 0; k < n; ++k) {
        std::size_t level = level_index(l, k);
        cells.push_back(std::to_string(counts[l][k]) + " (" + m["levels"][level]["name"].get<std::string>() + ")");
        cell_fills.push_back(std::string(io::risk_level_fill(level, m["levels"].size())));
      }
      table.cells.push_back(cells);
      table.fills.push_back(cell_fills);
    }
    return table;
  };
  using Kind = io::DocBlock::Kind;
  for (auto stage : enum_names(RiskStage{})) {
    std::vector<std::vector<int>> before(n, std::vector<int>(n, 0)), after = before;
    std::vector<json> risks;
    for (const auto& r : (*list)["items"])
      if (r["stage"] == stage) {
        risks.push_back(r);
        int l = r["likelihood"], k = r["consequence"];
        before[l - 1][k - 1]++;
        int rl = r["residual_likelihood"].is_number() ? r["residual_likelihood"].get<int>() : l;
        int rk = r["residual_consequence"].is_number() ? r["residual_consequence"].get<int>() : k;
        after[rl - 1][rk - 1]++;
      }
    doc.blocks.push_back({Kind::heading1, t("enum.risk_stage." + std::string(stage)), {}});
    if (risks.empty()) {
      doc.blocks.push_back({Kind::paragraph, t("ui.risks.none"), {}});
      continue;
    }
    doc.blocks.push_back({Kind::heading2, t("ui.risks.before"), {}});
    doc.blocks.push_back({Kind::table, "", heat_table(before)});
    doc.blocks.push_back({Kind::heading2, t("ui.risks.after"), {}});
    doc.blocks.push_back({Kind::table, "", heat_table(after)});
    for (const auto& r : risks) {
      doc.blocks.push_back({Kind::heading2, r["title"], {}});
      if (!r["description"].get<std::string>().empty()) doc.blocks.push_back({Kind::paragraph, r["description"], {}});
      std::string levels = t("ui.risks.level") + ": " + r["level"]["name"].get<std::string>() + " (" +
                           t("field.likelihood") + " " + r["likelihood"].dump() + ", " + t("field.consequence") + " " +
                           r["consequence"].dump() + "). " + t("field.treatment") + ": " +
                           t("enum.treatment." + r["treatment"].get<std::string>()) + ".";
      if (r["residual_level"].is_object())
        levels += " " + t("ui.risks.residual_level") + ": " + r["residual_level"]["name"].get<std::string>() + ".";
      doc.blocks.push_back({Kind::paragraph, levels, {}});
      std::string reqs;
      for (const auto& id : r["requirement_ids"]) reqs += (reqs.empty() ? "" : ", ") + id.get<std::string>();
      doc.blocks.push_back({Kind::paragraph, t("field.requirement_ids") + ": " + (reqs.empty() ? t("ui.none") : reqs), {}});
      if (r["decision"].is_string())
        doc.blocks.push_back({Kind::paragraph,
                              t("ui.risks.decision") + ": " + t("enum.risk_decision." + r["decision"].get<std::string>()) +
                                  " – " + r["decision_rationale"].get<std::string>(),
                              {}});
    }
  }
  return doc;
}

Result<io::Table> RiskService::table(const Actor& actor, const std::string& case_id) {
  auto list = this->list(actor, case_id);
  if (!list) return list.error();
  auto kase = read([&](Transaction& tx) -> Result<Case> {
    auto c = tx.get_case(actor.org_id(), case_id);
    if (!c) return Error::not_found();
    return *c;
  });
  if (!kase) return kase.error();
  const auto& m = content_.messages;
  auto t = [&](const std::string& key) { return m.text(actor.lang, key); };
  io::Table table;
  table.sheet = t("ui.risks.register").substr(0, 31);
  table.title = t("ui.risks.title") + " – " + kase->registry_number + " " + kase->title;
  table.headers = {t("field.stage"),      t("field.title"),       t("field.description"),
                   t("field.likelihood"), t("field.consequence"), t("ui.risks.level"),
                   t("field.treatment"),  t("field.requirement_ids"), t("field.residual_likelihood"),
                   t("field.residual_consequence"), t("ui.risks.residual_level"), t("ui.risks.owner"),
                   t("ui.risks.decision"), t("field.decision_rationale")};
  for (const auto& r : (*list)["items"]) {
    std::string reqs;
    for (const auto& id : r["requirement_ids"]) reqs += (reqs.empty() ? "" : ", ") + id.get<std::string>();
    auto text_or = [](const json& v) { return v.is_string() ? v.get<std::string>() : v.is_number() ? v.dump() : ""; };
    table.rows.push_back({t("enum.risk_stage." + r["stage"].get<std::string>()), r["title"], r["description"],
                          std::to_string(r["likelihood"].get<int>()), std::to_string(r["consequence"].get<int>()),
                          r["level"]["name"], t("enum.treatment." + r["treatment"].get<std::string>()), reqs,
                          text_or(r["residual_likelihood"]), text_or(r["residual_consequence"]),
                          r["residual_level"].is_object() ? r["residual_level"]["name"].get<std::string>() : "",
                          text_or(r["owner_name"]),
                          r["decision"].is_string() ? t("enum.risk_decision." + r["decision"].get<std::string>()) : "",
                          r["decision_rationale"]});
  }
  return table;
}

json RiskService::matrix(const Actor& actor) {
  const RiskMatrix& matrix = read([&](Transaction& tx) -> const RiskMatrix& { return matrix_of(tx, actor.org_id()); });
  auto steps = [&](const std::vector<ScaleStep>& scale) {
    json out = json::array();
    for (const auto& s : scale)
      out.push_back({{"level", s.level}, {"name", s.name.in(actor.lang)}, {"description", s.description.in(actor.lang)}});
    return out;
  };
  json levels = json::array(), cells = json::array();
  for (const auto& l : matrix.levels)
    levels.push_back({{"key", l.key}, {"name", l.name.in(actor.lang)}, {"description", l.description.in(actor.lang)}});
  for (const auto& row : matrix.cells) {
    json r = json::array();
    for (std::size_t i : row) r.push_back(matrix.levels[i].key);
    cells.push_back(r);
  }
  return {{"id", matrix.id},         {"version", matrix.version},
          {"name", matrix.name.in(actor.lang)}, {"likelihood", steps(matrix.likelihood)},
          {"consequence", steps(matrix.consequence)}, {"levels", levels},
          {"matrix", cells},         {"acceptance", matrix.levels[matrix.acceptance].key}};
}

json RiskService::starters(const Actor& actor) const {
  json out = json::array();
  std::string lang(to_string(actor.lang));
  for (const auto& r : content_.starter_risks)
    out.push_back({{"key", r["key"]},
                   {"title", r["title"].value(lang, r["title"].value("sv", ""))},
                   {"description", r["description"].value(lang, r["description"].value("sv", ""))},
                   {"aspects", r["aspects"]},
                   {"stage", r["stage"]},
                   {"areas", r["areas"]},
                   {"source", r["source"]}});
  return {{"items", out}};
}

}  // namespace kk::app
