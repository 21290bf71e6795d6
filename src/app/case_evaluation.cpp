#include "app/case_evaluation.hpp"
#include "app/tendering.hpp"

#include <algorithm>
#include <optional>

#include "app/case_records.hpp"
#include "app/case_registers.hpp"
#include "app/contract_life.hpp"
#include "app/risk_findings.hpp"

namespace kk::app {
using namespace kk::domain;

Evaluation rule_evaluation(Transaction& tx, const Content& content, const Case& c,
                           const ContentRegistry::Selection& selection) {
  return evaluate_rules(read_case_facts(tx, content, c), selection.rules(), *selection.catalogue);
}

Evaluation evaluate_case(Transaction& tx, const Content& content, const Case& c,
                         const ContentRegistry::Selection& selection) {
  Evaluation ev = rule_evaluation(tx, content, c, selection);
  auto confirmations = confirmation_findings(tx, content, c, ev);
  for (auto& f : risk_findings(tx, content, c)) ev.findings.push_back(std::move(f));
  for (auto& f : confirmations) ev.findings.push_back(std::move(f));
  auto model = evaluation_model_findings(tx, content, c, ev);
  for (auto& f : model) ev.findings.push_back(std::move(f));
  for (auto& f : contract_findings(tx, content, c)) ev.findings.push_back(std::move(f));
  std::stable_sort(ev.findings.begin(), ev.findings.end(), [](const Finding& a, const Finding& b) {
    return static_cast<int>(a.severity) > static_cast<int>(b.severity);
  });
  return ev;
}

namespace {
std::optional<std::vector<CurrentEntry>> stored_entries(Transaction& tx, const Case& c) {
  if (!tx.specification(c.org_id, c.id)) return std::nullopt;
  std::vector<CurrentEntry> out;
  for (const auto& e : tx.specification_entries(c.org_id, c.id))
    if (e.status == EntryStatus::active) out.push_back({e.requirement_id, e.locked});
  return out;
}

std::vector<CurrentEntry> entries_of(const Evaluation& ev) {
  std::vector<CurrentEntry> out;
  for (const auto& e : ev.entries) out.push_back({e.requirement_id, e.locked});
  return out;
}
}  // namespace

std::vector<CurrentEntry> current_entries(Transaction& tx, const Case& c, const Evaluation& computed) {
  if (auto stored = stored_entries(tx, c)) return *stored;
  return entries_of(computed);
}

std::vector<CurrentEntry> current_entries(Transaction& tx, const Content& content, ContentRegistry& registry,
                                          const Case& c) {
  if (auto stored = stored_entries(tx, c)) return *stored;
  return entries_of(rule_evaluation(tx, content, c, registry.active(tx, c.org_id, c.catalogue_ids)));
}

}  // namespace kk::app
