#pragma once
// Contracts (seed 000 §4.5, chapter 5): made from the award, they carry every agreed measure
// with who answers for it and how and how often it is followed up, the contract's terms, and
// an alert far enough before the end to prepare a new procurement. A supplier's users read
// their company's contracts.
#include "app/paging.hpp"
#include "app/service_base.hpp"
#include "app/specification.hpp"
#include "io/ical.hpp"

namespace kk::app {

// A plan's due dates from the contract's start up to `until`.
std::vector<std::string> plan_due_dates(const json& plan, const std::string& starts_on, const std::string& until);
// One all-day event per due date of a measure over the contract period, with stable ids.
std::vector<io::CalendarEvent> control_events(const Content& content, domain::Language lang, const Contract& c,
                                              const ContractMeasure& m);

// The follow-up plan a new measure starts with: the supplier answers for it and reports a
// yearly self-assessment.
json default_measure_plan();

class ContractService : public ServiceBase {
 public:
  ContractService(Store& store, const Content& content, ContentRegistry& registry, SpecificationService& specs)
      : ServiceBase(store, content, registry), specs_(specs) {}

  // A page of the organisation's contracts by end date (a supplier's user: its own), optionally
  // one case's; {"items", "page"}. Page{-1, 0}: all of them.
  domain::Result<json> list(const Actor& actor, const ContractFilter& filter, const Page& page);
  domain::Result<json> get(const Actor& actor, const std::string& id);
  // From an awarded case: {"starts_on", "ends_on", "title", "expiry_alert_months", terms…};
  // "supplier_id" only when no tender was awarded here. The measures are the requirements the
  // awarded tender met (every requirement of the specification without one).
  domain::Result<json> create(const Actor& actor, const std::string& case_id, const json& body);
  // {"version", "title", "starts_on", "ends_on", "expiry_alert_months", terms…}
  domain::Result<json> update(const Actor& actor, const std::string& id, const json& body);
  // The follow-up plan of one measure: {"version", "responsibility", "lead", "method",
  // "frequency", "every_n_months", "evidence", "owner_user_id"}.
  domain::Result<json> plan(const Actor& actor, const std::string& id, const std::string& measure_id, const json& body);
  // An obligation the supplier places on us (seed 000 §4.5.8), followed up like the others:
  // {"text", plan fields…}.
  domain::Result<json> add_obligation(const Actor& actor, const std::string& id, const json& body);

  // The result of a control: {"due_on", "result": met|partly|not_met, "notes"}; a result not
  // met opens a deviation and then needs {"action_plan", "deadline", "owner_user_id"}.
  domain::Result<json> record(const Actor& actor, const std::string& id, const std::string& measure_id, const json& body);
  // Closes a deviation, only with evidence: {"version", "evidence"}.
  domain::Result<json> close_deviation(const Actor& actor, const std::string& deviation_id, const json& body);
  // What is due up to `until` (YYYY-MM-DD; 30 days ahead when empty) and overdue across every
  // contract, and the open deviations.
  // Controls due up to `until` and overdue, by due date, a page of them, with "overdue" (how
  // many of all are overdue) and the open deviations.
  domain::Result<json> due(const Actor& actor, const std::string& until, const Page& page);
  // The contract's due controls as an iCalendar file, one all-day event per due date.
  domain::Result<std::string> calendar(const Actor& actor, const std::string& id);
  // The follow-up so far as OSCAL 1.1.2 assessment results (io/oscal_results.hpp); base_url
  // makes the link back to the contract's plan.
  domain::Result<std::string> oscal_assessment_results(const Actor& actor, const std::string& id,
                                                        const std::string& base_url);

 private:
  // The contract as the API shows it; with its life (delivery, changes, exit …) unless listed.
  json contract_json(Transaction& tx, const Actor& actor, const Contract& c, bool with_life = true);
  SpecificationService& specs_;
};

}  // namespace kk::app
