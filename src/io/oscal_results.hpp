#pragma once
// A contract's follow-up as OSCAL 1.1.2 assessment results: one result covering the contract
// period so far, an observation per recorded control (what was found, when), and a finding per
// followed-up requirement whose state is that of its latest control (satisfied when met).
// The plan the results answer is the contract's follow-up plan in Kravkedja, reached through a
// back-matter resource. Tools that read OSCAL (GRC platforms, auditors' tooling) take it as is.
#include <string>
#include <vector>

namespace kk::io {

struct ResultObservation {
  std::string uuid;
  std::string title;
  std::string description;
  std::string method;     // EXAMINE | INTERVIEW | TEST
  std::string collected;  // UTC, RFC 3339
};

struct ResultFinding {
  std::string uuid;
  std::string title;
  std::string description;
  std::string target_id;       // the control's statement id (ac-2_smt) or the requirement's id
  bool satisfied = false;
  std::string reason;          // a token when not satisfied: "partly-met", "not-met"
  std::vector<std::string> observation_uuids;
};

struct OscalAssessmentResults {
  std::string uuid;
  std::string title;
  std::string version;
  std::string last_modified;
  std::string plan_uuid;  // back-matter resource standing for the follow-up plan
  std::string plan_title;
  std::string plan_href;
  std::string result_uuid;
  std::string result_title;
  std::string result_description;
  std::string start;  // RFC 3339
  std::vector<std::string> control_ids;  // the reviewed controls (requirements followed up)
  std::vector<ResultObservation> observations;
  std::vector<ResultFinding> findings;
};

std::string write_oscal_assessment_results(const OscalAssessmentResults& results);

}  // namespace kk::io
