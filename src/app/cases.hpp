#pragma once
// Use cases of the procurement case: its facts, linked assets and classification, the
// gates and decisions, the activities of the process, the team.
#include "app/paging.hpp"
#include "app/service_base.hpp"
#include "domain/case_progress.hpp"
#include "domain/rule_evaluation.hpp"

namespace kk::app {

class TenderService;

class CaseService : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;
  // The award decision and the standstill period are the tenders' (app/tenders.hpp).
  void use_tenders(TenderService& tenders) { tenders_ = &tenders; }

  domain::Result<json> list(const Actor& actor);
  // One page of the list, with {"page": page_json}.
  domain::Result<json> list(const Actor& actor, const Page& page);
  // The whole case: facts, step and phase, classification with provenance, gates,
  // decisions, activities, team and what is still missing.
  domain::Result<json> get(const Actor& actor, const std::string& id);
  // The case's own fields and its linked assets, without the process, team and rules: what
  // pages about one side of a case (specification, risks, assessments) show in their heading.
  domain::Result<json> summary(const Actor& actor, const std::string& id);
  domain::Result<json> create(const Actor& actor, const json& body);
  domain::Result<json> update(const Actor& actor, const std::string& id, const json& body);
  domain::Result<json> link_asset(const Actor& actor, const std::string& id, const json& body);
  domain::Result<json> unlink_asset(const Actor& actor, const std::string& id, const std::string& asset_id);
  domain::Result<json> decide(const Actor& actor, const std::string& id, const json& body);
  domain::Result<json> record_activity(const Actor& actor, const std::string& id, const std::string& key,
                                       const json& body);
  domain::Result<json> add_member(const Actor& actor, const std::string& id, const json& body);
  domain::Result<json> remove_member(const Actor& actor, const std::string& id, const std::string& user_id,
                                     const std::string& competence);
  domain::Result<json> cancel(const Actor& actor, const std::string& id, const json& body);
  // A new case with an earlier case's facts, linked assets and stored specification (its
  // edits, reasons and versions): {"registry_number", "title"}. Decisions, activities and
  // the team are the new case's own.
  domain::Result<json> copy(const Actor& actor, const std::string& source_id, const json& body);
  // What each of the actor's open cases waits for now (see next_steps), for the start page:
  // [{"id", "registry_number", "title", "next": next_steps}].
  std::vector<json> waiting_on(Transaction& tx, const Actor& actor);
  // The process definition in the actor's language (steps, phases, gates, activities, competences).
  json process(const Actor& actor) const;

 private:
  json detail(Transaction& tx, const Actor& actor, const Case& c);
  // The rule sets' findings and required activities from the case's current facts.
  domain::Evaluation rules_for(Transaction& tx, const Case& c) const;
  // Why approving `gate` is blocked: block findings on that gate whose required activity
  // (if the rule names one) is not done yet.
  std::vector<std::string> obstacles(const Actor& actor, const domain::Evaluation& ev, domain::Gate gate,
                                     const std::map<std::string, domain::ActivityStatus>& statuses) const;
  // The blocking findings on `gate` not settled by their rule's activities (part of obstacles).
  std::vector<std::string> blocking_findings(const Actor& actor, const domain::Evaluation& ev, domain::Gate gate,
                                             const std::map<std::string, domain::ActivityStatus>& statuses) const;
  // What the case waits for now: its next gate and question, the activities still open before
  // it (the process's and those the rules require), the findings that block it, whether all
  // is settled, and whether the actor may decide it. Null when the case is closed or done.
  json next_steps(const Actor& actor, const Case& c, const domain::CaseProgress& progress,
                  const std::vector<ActivityState>& states, const domain::Evaluation& ev) const;
  domain::Status apply(Transaction& tx, const Actor& actor, const json& body, Case& c);
  TenderService* tenders_ = nullptr;
};

}  // namespace kk::app
