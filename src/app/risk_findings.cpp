#include "app/risk_findings.hpp"

#include <algorithm>

#include "app/case_records.hpp"
#include "app/risks.hpp"
#include "domain/case_progress.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {
Finding finding(const Content& content, Severity severity, const std::string& rule, const std::string& key,
                std::optional<Gate> gate, const std::map<std::string, std::string>& params = {}) {
  Localized text{content.messages.text(Language::sv, key, params), content.messages.text(Language::en, key, params)};
  return {severity, text, gate, Reason{"riskregister", 1, rule, {}}};
}
}  // namespace

std::vector<Finding> risk_findings(Transaction& tx, const Content& content, const Case& c) {
  std::vector<Finding> out;
  if (c.status != CaseStatus::open) return out;
  auto risks = tx.risks(c.org_id, c.id);
  auto progress = progress_of(tx, c);
  auto has_stage = [&](RiskStage s) {
    return std::any_of(risks.begin(), risks.end(), [&](const Risk& r) { return r.stage == s; });
  };

  for (const auto& r : risks) {
    const RiskMatrix& m = content.risk_matrix(r.matrix_id);
    bool acceptable = m.check(r.likelihood, r.consequence).ok() && m.acceptable(r.likelihood, r.consequence);
    if (!acceptable && r.requirement_ids.empty() && !r.decision)
      out.push_back(finding(content, Severity::block, "unhandled-risk", "risk.unhandled", Gate::documents_approved,
                            {{"title", r.title}}));
  }
  if (progress.passed(Gate::procure_decision) && !progress.passed(Gate::documents_approved) && !has_stage(RiskStage::deep))
    out.push_back(finding(content, Severity::block, "deep-register", "risk.deep_missing", Gate::documents_approved));
  if (progress.passed(Gate::documents_approved) && !progress.passed(Gate::award_decided) && !has_stage(RiskStage::award))
    out.push_back(finding(content, Severity::block, "award-register", "risk.award_missing", Gate::award_decided));

  // The prestudy's assessment should include the one who will manage the delivery (3.2.5).
  if (has_stage(RiskStage::initial) && c.delivery_manager_id) {
    bool present = false;
    for (const auto& a : tx.risk_assessments(c.org_id, c.id))
      if (a.stage == RiskStage::initial)
        present = std::find(a.participants.begin(), a.participants.end(), *c.delivery_manager_id) != a.participants.end();
    if (!present) out.push_back(finding(content, Severity::info, "initial-participants", "risk.manager_absent", std::nullopt));
  }

  // Facts the assessment rested on have changed since: the register needs review.
  int stale = 0;
  if (!risks.empty()) {
    std::string facts = RiskService::facts_signature(tx, c);
    for (const auto& r : risks) stale += r.facts_signature != facts ? 1 : 0;
  }
  if (stale > 0)
    out.push_back(finding(content, Severity::warning, "register-review", "risk.review", std::nullopt,
                          {{"count", std::to_string(stale)}}));

  // Requirements added by hand that meet no risk can go (with a reason).
  if (has_stage(RiskStage::deep) && tx.specification(c.org_id, c.id))
    for (const auto& e : tx.specification_entries(c.org_id, c.id)) {
      if (e.status != EntryStatus::active || e.origin != EntryOrigin::manual) continue;
      bool treats = std::any_of(risks.begin(), risks.end(), [&](const Risk& r) {
        return std::find(r.requirement_ids.begin(), r.requirement_ids.end(), e.requirement_id) != r.requirement_ids.end();
      });
      if (!treats)
        out.push_back(finding(content, Severity::info, "requirement-without-risk", "risk.requirement_without_risk",
                              std::nullopt, {{"requirement", e.requirement_id}}));
    }
  return out;
}

}  // namespace kk::app
