#pragma once
// The person's start page ("Att göra"): what waits for the signed-in person across the
// organisation, gathered from where it already lives. Classifications the person owns and has
// not approved; each open case the person works on (on the team, or its delivery manager) with
// its next gate and what still blocks it; tenders opened to an evaluation group the person is
// in, with the answers still to judge; and over the contract period the controls, deviations,
// re-assessments and expiring contracts the daily reminders would name the person for.
#include "app/cases.hpp"
#include "app/service_base.hpp"
#include "app/tenders.hpp"

namespace kk::app {

class WorkService : public ServiceBase {
 public:
  WorkService(Store& store, const Content& content, ContentRegistry& registry, CaseService& cases,
              TenderService& tenders)
      : ServiceBase(store, content, registry), cases_(cases), tenders_(tenders) {}

  // {"today", "approvals": [asset], "cases": [{"id", "registry_number", "title", "next"}],
  //  "evaluations": [{"case_id", "registry_number", "title", "tenders": [{"tender_id",
  //  "supplier_name", "to_judge"}]}], "follow_ups": [{"kind", "due_on", "overdue", "contract_id",
  //  "text"}], "count"}. A supplier's user has nothing here; its tenders are its page.
  domain::Result<json> todo(const Actor& actor);

 private:
  CaseService& cases_;
  TenderService& tenders_;
};

}  // namespace kk::app
