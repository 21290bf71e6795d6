#include "io/oscal_results.hpp"

#include <nlohmann/json.hpp>

namespace kk::io {
using nlohmann::json;

std::string write_oscal_assessment_results(const OscalAssessmentResults& r) {
  json controls = json::array();
  for (const auto& id : r.control_ids) controls.push_back({{"control-id", id}});
  json reviewed = {{"control-selections", json::array({controls.empty() ? json{{"include-all", json::object()}}
                                                                          : json{{"include-controls", controls}}})}};
  json observations = json::array();
  for (const auto& o : r.observations)
    observations.push_back({{"uuid", o.uuid},
                            {"title", o.title},
                            {"description", o.description},
                            {"methods", {o.method}},
                            {"collected", o.collected}});
  json findings = json::array();
  for (const auto& f : r.findings) {
    json status = {{"state", f.satisfied ? "satisfied" : "not-satisfied"}};
    if (!f.reason.empty()) status["reason"] = f.reason;
    json finding = {{"uuid", f.uuid},
                    {"title", f.title},
                    {"description", f.description},
                    {"target", {{"type", "statement-id"}, {"target-id", f.target_id}, {"status", status}}}};
    json related = json::array();
    for (const auto& u : f.observation_uuids) related.push_back({{"observation-uuid", u}});
    if (!related.empty()) finding["related-observations"] = related;
    findings.push_back(finding);
  }
  json result = {{"uuid", r.result_uuid},
                 {"title", r.result_title},
                 {"description", r.result_description},
                 {"start", r.start},
                 {"reviewed-controls", reviewed}};
  if (!observations.empty()) result["observations"] = observations;
  if (!findings.empty()) result["findings"] = findings;
  json doc = {{"assessment-results",
               {{"uuid", r.uuid},
                {"metadata",
                 {{"title", r.title},
                  {"last-modified", r.last_modified},
                  {"version", r.version},
                  {"oscal-version", "1.1.2"}}},
                {"import-ap", {{"href", "#" + r.plan_uuid}}},
                {"results", json::array({result})},
                {"back-matter",
                 {{"resources",
                   json::array({{{"uuid", r.plan_uuid},
                                 {"title", r.plan_title},
                                 {"rlinks", json::array({{{"href", r.plan_href}, {"media-type", "text/html"}}})}}})}}}}}};
  return doc.dump(2);
}

}  // namespace kk::io
