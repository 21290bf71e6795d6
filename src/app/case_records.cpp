#include "app/case_records.hpp"

namespace kk::app {

std::optional<CaseRecord> find_case_record(Transaction& tx, const Case& c, const std::string& kind,
                                           const std::string& key) {
  for (auto& r : tx.case_records(c.org_id, c.id, kind))
    if (r.key == key) return r;
  return std::nullopt;
}

nlohmann::json object_of(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  return j.is_object() ? j : nlohmann::json::object();
}

using namespace kk::domain;
using nlohmann::json;

CaseProgress progress_of(const std::vector<Decision>& decisions) {
  std::vector<DecisionRecord> log;
  for (const auto& d : decisions) log.push_back({d.gate, d.outcome});
  return replay_decisions(log);
}

CaseProgress progress_of(Transaction& tx, const Case& c) { return progress_of(tx.decisions(c.org_id, c.id)); }

FormAnswers form_answers(const std::string& body) {
  FormAnswers out;
  json j = json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("answers") || !j["answers"].is_object()) return out;
  const json& answers = j["answers"];
  for (const auto& [key, a] : answers.items()) {
    if (!a.is_object()) continue;
    out[key] = {a.value("value", std::string()), a.value("reasoning", std::string())};
  }
  return out;
}

json form_answers_json(const FormAnswers& answers) {
  json out = json::object();
  for (const auto& [key, a] : answers) out[key] = {{"value", a.value}, {"reasoning", a.reasoning}};
  return out;
}

namespace {
// The framework parties of a framework agreement being established; none for other kinds.
std::vector<CaseRecord> framework_parties(Transaction& tx, const Case& c) {
  if (c.kind != CaseKind::framework_agreement) return {};
  return tx.case_records(c.org_id, c.id, record_kind::framework_party);
}

std::vector<ClassifiedAsset> sources_of(const std::vector<Asset>& assets, const std::vector<CaseRecord>& parties) {
  std::vector<ClassifiedAsset> out;
  for (const auto& a : assets) out.push_back({a.id, a.name, a.classification});
  for (const auto& r : parties) {
    json body = json::parse(r.body, nullptr, false);
    if (!body.is_object()) continue;
    Classification levels;
    const json& stored = body.contains("levels") ? body["levels"] : json::object();
    for (Aspect a : all_aspects) {
      auto name = std::string(to_string(a));
      if (stored.is_object() && stored.contains(name) && stored[name].is_number_integer())
        levels[a] = stored[name].get<int>();
    }
    out.push_back({"party:" + r.key, body.value("name", std::string()), levels});
  }
  return out;
}
}  // namespace

std::vector<ClassifiedAsset> classification_sources(Transaction& tx, const Case& c) {
  return sources_of(tx.case_assets(c.org_id, c.id), framework_parties(tx, c));
}

CaseFacts read_case_facts(Transaction& tx, const Content& content, const Case& c) {
  CaseFactInput in;
  auto assets = tx.case_assets(c.org_id, c.id);
  auto parties = framework_parties(tx, c);
  in.classification_complete = !assets.empty();
  for (const auto& a : assets) {
    in.flags.insert(a.flags.begin(), a.flags.end());
    in.classification_complete = in.classification_complete && a.method == ClassificationMethod::complete;
  }
  in.classification = classify_case(sources_of(assets, parties));
  in.kind = c.kind;
  in.object_type = c.object_type;
  in.delivery_model = c.delivery_model;
  in.law = c.law;
  in.procedure = c.procedure;
  in.operator_party = c.operator_party;
  in.support = c.support;
  in.hosting_location = c.hosting_location;
  in.supplier_remote_access = c.supplier_remote_access;
  in.supplier_data_copies = c.supplier_data_copies;
  if (auto org = tx.organisation(c.org_id)) in.org_kind = org->kind;
  CaseFacts own = make_case_facts(in);

  // What the forms record, read against the case's own facts (a question that no longer
  // applies says nothing).
  for (const auto& r : tx.case_records(c.org_id, c.id, record_kind::form))
    if (const CaseForm* form = content.form(r.key); form && form_applies(*form, own))
      for (auto& [name, value] : form_facts(*form, form_answers(r.body), own)) in.recorded[name] = value;

  auto documents = tx.case_records(c.org_id, c.id, record_kind::governing_document);
  bool excludes = false;
  for (const auto& d : documents) {
    json body = json::parse(d.body, nullptr, false);
    excludes = excludes || (body.is_object() && body.value("origin", "") == "external" && body.value("excludes", false));
  }
  in.recorded["governing_documents"] = static_cast<long long>(documents.size());
  in.recorded["external_requirement_excludes"] = excludes;
  if (c.kind == CaseKind::framework_agreement) in.recorded["framework_parties"] = static_cast<long long>(parties.size());
  return make_case_facts(in);
}

}  // namespace kk::app
