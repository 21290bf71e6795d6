// A contract's follow-up toward OSCAL tools: each recorded control an observation, each
// followed-up requirement a finding in the state of its latest control. Requirements that came
// from an OSCAL catalog are named by their control's statement id (ac-2_smt), so the results
// line up with the catalog; Kravkedja's own requirements by their id.
#include <map>

#include "app/clock.hpp"
#include "app/contract_life.hpp"
#include "app/contracts.hpp"
#include "app/crypto.hpp"
#include "io/oscal_results.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {

// RFC 3339 for a date (the start of the contract) or a stored UTC time.
std::string date_time(const std::string& value) {
  if (value.size() == 10) return value + "T00:00:00Z";
  return value;
}

std::string method_of(const std::string& plan_text) {
  json plan = json::parse(plan_text.empty() ? "{}" : plan_text, nullptr, false);
  std::string method = plan.is_object() ? plan.value("method", "self_assessment") : "self_assessment";
  return method == "self_assessment" ? "INTERVIEW" : "EXAMINE";  // the supplier's word, or a look of our own
}

}  // namespace

Result<std::string> ContractService::oscal_assessment_results(const Actor& actor, const std::string& id,
                                                              const std::string& base_url) {
  return read([&](Transaction& tx) -> Result<std::string> {
    auto c = KK_TRY(readable_contract(tx, actor, id));
    auto the_case = tx.get_case(actor.org_id(), c.case_id);
    auto selection = registry_.active(tx, actor.org_id(), the_case ? the_case->catalogue_ids : std::vector<std::string>{});
    // The OSCAL statement id of a requirement from an OSCAL catalog, else the requirement's id.
    auto target_of = [&](const std::string& requirement_id) {
      if (const Requirement* r = selection.catalogue->find(requirement_id))
        for (const auto& source : r->sources)
          if (source.rfind("oscal:", 0) == 0) return source.substr(6) + "_smt";
      return requirement_id;
    };
    auto text = [&](const std::string& key) { return content_.messages.text(actor.lang, key); };

    io::OscalAssessmentResults out;
    out.uuid = new_id();
    out.title = text("ui.contracts.oscal_title") + ": " + c.title + " – " + c.supplier_name;
    out.version = std::to_string(c.version);
    out.last_modified = now_utc();
    out.plan_uuid = new_id();
    out.plan_title = text("ui.contracts.oscal_plan") + ": " + c.title;
    out.plan_href = base_url + "/contracts/" + c.id;
    out.result_uuid = new_id();
    out.result_title = text("ui.contracts.oscal_result") + " " + c.starts_on + " – " + now_utc().substr(0, 10);
    out.result_description = c.title + " – " + c.supplier_name;
    out.start = date_time(c.starts_on);

    std::map<std::string, std::vector<FollowUpRecord>> by_measure;
    for (auto& r : tx.follow_up_records(actor.org_id(), c.id)) by_measure[r.measure_id].push_back(std::move(r));
    for (const auto& m : tx.contract_measures(actor.org_id(), c.id)) {
      if (!m.requirement_id) continue;  // our own obligations are not the supplier's controls
      std::string target = target_of(*m.requirement_id);
      out.control_ids.push_back(target.size() > 4 && target.ends_with("_smt") ? target.substr(0, target.size() - 4)
                                                                               : target);
      auto records = by_measure.find(m.id);
      if (records == by_measure.end() || records->second.empty()) continue;
      io::ResultFinding finding;
      finding.uuid = new_id();
      finding.title = *m.requirement_id;
      finding.description = m.text;
      finding.target_id = target;
      const FollowUpRecord* latest = nullptr;
      for (const auto& r : records->second) {
        io::ResultObservation o;
        o.uuid = r.id;
        o.title = *m.requirement_id + " " + r.due_on.value_or(r.recorded_at.substr(0, 10));
        o.description = text("enum.follow_up_result." + r.result) + (r.notes.empty() ? "" : ". " + r.notes);
        o.method = method_of(m.plan);
        o.collected = date_time(r.recorded_at);
        out.observations.push_back(std::move(o));
        finding.observation_uuids.push_back(r.id);
        if (!latest || r.recorded_at >= latest->recorded_at) latest = &r;
      }
      finding.satisfied = latest->result == "met";
      if (!finding.satisfied) finding.reason = latest->result == "partly" ? "partly-met" : "not-met";
      out.findings.push_back(std::move(finding));
    }
    return io::write_oscal_assessment_results(out);
  });
}

}  // namespace kk::app
