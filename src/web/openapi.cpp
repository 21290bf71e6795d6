// The OpenAPI 3 document, generated from the route table so no route goes undocumented.
#include "domain/contract_change.hpp"
#include "domain/contract_checks.hpp"
#include "domain/catalogue.hpp"
#include "domain/follow_up.hpp"
#include "domain/supplier.hpp"
#include "domain/tender.hpp"
#include "web/web_app.hpp"

namespace kk::web {
using nlohmann::json;
using namespace kk::domain;

namespace {
template <class E>
json enum_schema() {
  json values = json::array();
  for (auto n : enum_names(E{})) values.push_back(std::string(n));
  return {{"type", "string"}, {"enum", values}};
}

json text(int max) { return {{"type", "string"}, {"maxLength", max}}; }

json schemas() {
  json level = {{"type", "integer"}, {"minimum", 0}, {"maximum", 4}, {"nullable", true},
                {"description", "A level of the organisation's classification model"}};
  json classification = {{"type", "object"},
                         {"properties", {{"confidentiality", level}, {"integrity", level}, {"availability", level},
                                         {"traceability", level}}}};
  json flags = {{"type", "object"}, {"properties", json::object()}};
  for (auto n : enum_names(Flag{})) flags["properties"][std::string(n)] = {{"type", "boolean"}};
  json asset = {{"type", "object"},
                {"properties",
                 {{"name", text(200)},
                  {"description", text(20000)},
                  {"owner_user_id", {{"type", "string"}, {"nullable", true}}},
                  {"owner_unit", text(200)},
                  {"classification", classification},
                  {"stage", enum_schema<ClassificationStage>()},
                  {"method", enum_schema<ClassificationMethod>()},
                  {"flags", flags},
                  {"approve", {{"type", "boolean"}, {"description", "Only the asset's information owner"}}}}}};
  json asset_patch = asset;
  asset_patch["properties"]["version"] = {{"type", "integer"}};
  asset_patch["required"] = {"version"};
  asset["required"] = {"name"};
  json date = {{"type", "string"}, {"format", "date"}, {"nullable", true}};
  json country = {{"type", "string"}, {"pattern", "^[A-Za-z]{2}$"}, {"description", "ISO 3166-1 alpha-2"}};
  json certification = {{"type", "object"}, {"required", {"kind"}},
                        {"properties", {{"id", {{"type", "string"}}}, {"kind", enum_schema<CertificationKind>()},
                                        {"name", text(200)}, {"issuer", text(200)}, {"valid_from", date},
                                        {"valid_until", date}, {"scope", text(20000)},
                                        {"services", {{"type", "array"}, {"items", text(200)}}}}}};
  json subcontractor = {{"type", "object"}, {"required", {"name", "country"}},
                        {"properties", {{"id", {{"type", "string"}}}, {"name", text(200)}, {"country", country},
                                        {"information", text(20000)}, {"service", text(200)}}}};
  json contact = {{"type", "object"}, {"required", {"name"}},
                  {"properties", {{"id", {{"type", "string"}}}, {"name", text(200)}, {"role", text(200)},
                                  {"email", text(200)}, {"phone", text(50)}}}};
  json supplier = {{"type", "object"}, {"required", {"name", "country"}},
                   {"properties", {{"name", text(200)}, {"org_number", text(30)}, {"country", country},
                                   {"parent_name", text(200)}, {"parent_country", country},
                                   {"dpf_listed", {{"type", "boolean"}}}, {"dpf_checked_on", date},
                                   {"note", text(20000)},
                                   {"certifications", {{"type", "array"}, {"items", certification}}},
                                   {"subcontractors", {{"type", "array"}, {"items", subcontractor}}},
                                   {"contacts", {{"type", "array"}, {"items", contact}}}}}};
  json supplier_patch = supplier;
  supplier_patch["required"] = {"version"};
  supplier_patch["properties"]["version"] = {{"type", "integer"}};
  json contract = {{"type", "object"}, {"required", {"starts_on", "ends_on"}},
                   {"properties", {{"supplier_id", {{"type", "string"}, {"description", "Only when no tender was awarded here"}}},
                                   {"title", text(200)}, {"starts_on", date}, {"ends_on", date},
                                   {"expiry_alert_months", {{"type", "integer"}, {"minimum", 0}, {"maximum", 60}}},
                                   {"extension_options", text(20000)}, {"notice_months", {{"type", "integer"}, {"minimum", 0}}},
                                   {"governing_law", text(20000)}, {"penalties", text(20000)}, {"termination", text(20000)},
                                   {"ownership_change", text(20000)}, {"force_majeure", text(20000)}, {"authority_assistance", text(20000)},
                                   {"authorities", {{"type", "array"}, {"items", text(200)}}}}}};
  json contract_patch = contract;
  contract_patch["required"] = {"version"};
  contract_patch["properties"]["version"] = {{"type", "integer"}};
  contract_patch["properties"].erase("supplier_id");
  json plan = {{"type", "object"},
               {"properties", {{"responsibility", enum_schema<Responsibility>()}, {"lead", enum_schema<Responsibility>()},
                               {"method", enum_schema<FollowUpMethod>()}, {"frequency", enum_schema<FollowUpFrequency>()},
                               {"every_n_months", {{"type", "integer"}, {"minimum", 1}}}, {"evidence", text(20000)},
                               {"owner_user_id", {{"type", "string"}, {"nullable", true}}}}}};
  json plan_patch = plan;
  plan_patch["required"] = {"version"};
  plan_patch["properties"]["version"] = {{"type", "integer"}};
  json obligation = plan;
  obligation["required"] = {"text"};
  obligation["properties"]["text"] = text(20000);
  json answer = {{"type", "object"}, {"required", {"requirement_id"}},
                 {"properties", {{"requirement_id", {{"type", "string"}}},
                                 {"choice", {{"type", "string"}, {"nullable", true}, {"enum", enum_schema<AnswerChoice>()["enum"]}}},
                                 {"value", text(20000)}, {"comment", text(20000)}, {"secret", {{"type", "boolean"}}},
                                 {"secrecy_reason", text(20000)}}}};
  json case_input = {{"type", "object"},
                     {"properties",
                      {{"registry_number", text(50)},
                       {"title", text(200)},
                       {"kind", enum_schema<CaseKind>()},
                       {"need_statement", text(20000)},
                       {"alternatives", text(20000)},
                       {"object_type", enum_schema<ObjectType>()},
                       {"delivery_model", enum_schema<DeliveryModel>()},
                       {"law", enum_schema<Law>()},
                       {"procedure", enum_schema<Procedure>()},
                       {"estimated_value_sek", {{"type", "integer"}, {"minimum", 0}}},
                       {"tender_deadline", {{"type", "string"}, {"format", "date"}}},
                       {"operator", enum_schema<Party>()},
                       {"support", enum_schema<Party>()},
                       {"hosting_location", enum_schema<HostingLocation>()},
                       {"supplier_remote_access", {{"type", "boolean"}}},
                       {"supplier_data_copies", {{"type", "boolean"}}},
                       {"information_location", text(20000)},
                       {"software_location", text(20000)},
                       {"hardware_location", text(20000)},
                       {"delivery_manager_id", {{"type", "string"}, {"nullable", true}}},
                       {"can_receive_incidents", {{"type", "boolean"}, {"nullable", true}}},
                       {"can_run_followups", {{"type", "boolean"}, {"nullable", true}}},
                       {"catalogues", {{"type", "array"}, {"items", {{"type", "string"}}},
                                       {"description", "Requirement catalogues the case uses; empty: the organisation's"}}}}}};
  json case_patch = case_input;
  case_patch["properties"]["version"] = {{"type", "integer"}};
  case_patch["required"] = {"version"};
  case_input["required"] = {"registry_number", "title", "object_type", "delivery_model"};
  json roles = {{"type", "array"}, {"items", enum_schema<Role>()}};
  json error = {{"type", "object"},
                {"properties",
                 {{"error",
                   {{"type", "object"},
                    {"properties",
                     {{"code", {{"type", "string"}}},
                      {"field", {{"type", "string"}}},
                      {"message", {{"type", "string"}, {"description", "In the request's language"}}},
                      {"current", {{"type", "object"}, {"description", "On 409: the current state to merge with"}}}}}}}}}};
  return {
      {"AssetInput", asset},
      {"AssetPatch", asset_patch},
      {"CaseInput", case_input},
      {"CasePatch", case_patch},
      {"AssetLink", {{"type", "object"}, {"required", {"asset_id"}}, {"properties", {{"asset_id", {{"type", "string"}}}}}}},
      {"DecisionInput",
       {{"type", "object"},
        {"required", {"gate", "outcome", "rationale"}},
        {"properties", {{"gate", enum_schema<Gate>()}, {"outcome", enum_schema<Outcome>()}, {"rationale", text(20000)}}}}},
      {"ActivityInput",
       {{"type", "object"},
        {"required", {"status", "version"}},
        {"properties",
         {{"status", enum_schema<ActivityStatus>()}, {"comment", text(20000)}, {"version", {{"type", "integer"}}}}}}},
      {"TeamMemberInput",
       {{"type", "object"},
        {"required", {"user_id", "competence"}},
        {"properties", {{"user_id", {{"type", "string"}}}, {"competence", {{"type", "string"}}}}}}},
      {"CancelInput", {{"type", "object"}, {"required", {"reason"}}, {"properties", {{"reason", text(20000)}}}}},
      {"ClassificationAnswers",
       {{"type", "object"},
        {"properties", {{"answers", {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}}}}}},
      {"UserInput",
       {{"type", "object"},
        {"required", {"username", "display_name", "roles"}},
        {"properties",
         {{"username", text(64)}, {"display_name", text(200)}, {"roles", roles}, {"password", text(200)},
          {"supplier_id", {{"type", "string"}}}, {"email", text(254)}}}}},
      {"UserPatch",
       {{"type", "object"},
        {"required", {"version"}},
        {"properties",
         {{"display_name", text(200)}, {"roles", roles}, {"active", {{"type", "boolean"}}}, {"version", {{"type", "integer"}}},
          {"email", text(254)}}}}},
      {"OrganisationPatch",
       {{"type", "object"},
        {"required", {"version"}},
        {"properties",
         {{"name", text(200)},
          {"org_number", {{"type", "string"}, {"pattern", "^[0-9]{6}-[0-9]{4}$"}}},
          {"kind", enum_schema<OrgKind>()},
          {"language", enum_schema<Language>()},
          {"classification_model", {{"type", "string"}}},
          {"catalogue_id", {{"type", "string"}}},
          {"risk_matrix", {{"type", "string"}}},
          {"archive_retention_years", {{"type", "integer"}, {"minimum", 1}, {"maximum", 100}, {"nullable", true}}},
          {"version", {{"type", "integer"}}}}}}},
      {"EntryInput",
       {{"type", "object"},
        {"required", {"requirement_id", "reason"}},
        {"properties", {{"requirement_id", {{"type", "string"}}}, {"reason", text(20000)}, {"decision", text(20000)}}}}},
      {"EntryPatch",
       {{"type", "object"},
        {"required", {"version"}},
        {"properties",
         {{"version", {{"type", "integer"}, {"description", "0 while the specification is computed"}}},
          {"status", {{"type", "string"}, {"enum", {"active", "struck"}}}},
          {"kind", enum_schema<RequirementKind>()},
          {"weight", {{"type", "integer"}, {"minimum", 1}, {"maximum", 10}}},
          {"case_text", text(20000)},
          {"reason", {{"type", "string"}, {"description", "Required to strike"}}},
          {"decision", {{"type", "string"}, {"description", "Required for locked entries and a frozen specification"}}}}}}},
      {"ProposalInput",
       {{"type", "object"},
        {"required", {"version"}},
        {"properties",
         {{"version", {{"type", "integer"}}},
          {"apply", {{"type", "array"}, {"items", {{"type", "string"}}}}},
          {"decline", {{"type", "array"}, {"items", {{"type", "string"}}}}},
          {"decision", text(20000)}}}}},
      {"RiskInput",
       {{"type", "object"},
        {"required", {"title", "likelihood", "consequence"}},
        {"properties",
         {{"stage", enum_schema<RiskStage>()},
          {"title", text(200)},
          {"description", text(20000)},
          {"asset_ids", {{"type", "array"}, {"items", {{"type", "string"}}}}},
          {"aspects", {{"type", "array"}, {"items", enum_schema<Aspect>()}}},
          {"likelihood", {{"type", "integer"}, {"minimum", 1}}},
          {"consequence", {{"type", "integer"}, {"minimum", 1}}},
          {"owner_user_id", {{"type", "string"}, {"nullable", true}}},
          {"treatment", enum_schema<Treatment>()},
          {"requirement_ids", {{"type", "array"}, {"items", {{"type", "string"}}}}},
          {"residual_likelihood", {{"type", "integer"}, {"nullable", true}}},
          {"residual_consequence", {{"type", "integer"}, {"nullable", true}}},
          {"decision", {{"type", "string"}, {"enum", {"accepted", "more_measures"}}, {"nullable", true},
                        {"description", "Only the information owner of an affected asset"}}},
          {"decision_rationale", text(20000)},
          {"reviewed", {{"type", "boolean"}, {"description", "Mark as assessed on the case's current facts"}}}}}}},
      {"RiskPatch",
       {{"type", "object"}, {"required", {"version"}}, {"properties", {{"version", {{"type", "integer"}}}}},
        {"description", "Any field of RiskInput, and the version read"}}},
      {"AssessmentInput",
       {{"type", "object"}, {"required", {"version"}},
        {"properties", {{"version", {{"type", "integer"}}}, {"participants", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                        {"notes", text(20000)}}}}},
      {"CopyStageInput",
       {{"type", "object"}, {"required", {"from", "to"}},
        {"properties", {{"from", enum_schema<RiskStage>()}, {"to", enum_schema<RiskStage>()}}}}},
      {"FormAnswersInput",
       {{"type", "object"}, {"required", {"version", "answers"}},
        {"properties", {{"version", {{"type", "integer"}}},
                        {"answers", {{"type", "object"},
                                     {"additionalProperties",
                                      {{"type", "object"},
                                       {"properties", {{"value", text(20000)}, {"reasoning", text(20000)}}}}}}}}}}},
      {"GoverningDocumentInput",
       {{"type", "object"}, {"required", {"origin", "category", "title"}},
        {"properties", {{"version", {{"type", "integer"}}}, {"origin", {{"type", "string"}, {"enum", {"internal", "external"}}}},
                        {"category", {{"type", "string"}, {"enum", {"policy", "guideline", "sourcing_strategy", "routine", "law",
                                                                    "regulation", "agreement", "standard", "other"}}}},
                        {"title", text(200)}, {"reference", text(200)}, {"note", text(20000)},
                        {"excludes", {{"type", "boolean"}}}}}}},
      {"FrameworkPartyInput",
       {{"type", "object"}, {"required", {"name"}},
        {"properties", {{"version", {{"type", "integer"}}}, {"name", text(200)}, {"note", text(20000)},
                        {"levels", {{"type", "object"}, {"additionalProperties", {{"type", "integer"}, {"minimum", 0}, {"maximum", 4}}}}}}}}},
      {"ConfirmationInput",
       {{"type", "object"}, {"required", {"version", "evidence"}},
        {"properties", {{"version", {{"type", "integer"}}}, {"evidence", text(20000)}, {"document", text(200)}}}}},
      {"VersionInput", {{"type", "object"}, {"required", {"version"}}, {"properties", {{"version", {{"type", "integer"}}}}}}},
      {"SupplierInput", supplier},
      {"SupplierPatch", supplier_patch},
      {"InviteInput",
       {{"type", "object"}, {"required", {"supplier_id"}},
        {"properties", {{"supplier_id", {{"type", "string"}}}, {"user_id", {{"type", "string"}, {"description", "An existing user of the supplier"}}},
                        {"username", text(64)}, {"display_name", text(200)}, {"password", text(200)}}}}},
      {"EvaluationGroupInput",
       {{"type", "object"}, {"required", {"version", "user_ids"}},
        {"properties", {{"version", {{"type", "integer"}}}, {"user_ids", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}}},
      {"EvaluationModelInput",
       {{"type", "object"}, {"required", {"version", "method"}},
        {"properties", {{"version", {{"type", "integer"}}}, {"method", enum_schema<EvaluationMethod>()},
                        {"deductions", {{"type", "object"}, {"description", "Kronor off the price per bör-krav met"},
                                        {"additionalProperties", {{"type", "integer"}, {"minimum", 0}}}}}}}}},
      {"ResponsesInput",
       {{"type", "object"}, {"required", {"version"}},
        {"properties", {{"version", {{"type", "integer"}}}, {"service", text(200)},
                        {"price_sek", {{"type", "integer"}, {"minimum", 0}, {"nullable", true}}},
                        {"answers", {{"type", "array"}, {"items", answer}}}}}}},
      {"ContractInput", contract},
      {"FollowUpInput",
       {{"type", "object"}, {"required", {"result"}},
        {"properties", {{"due_on", date}, {"result", {{"type", "string"}, {"enum", {"met", "partly", "not_met"}}}},
                        {"notes", text(20000)}, {"action_plan", text(20000)}, {"deadline", date},
                        {"owner_user_id", {{"type", "string"}}}}}}},
      {"ClosureInput",
       {{"type", "object"}, {"required", {"version", "evidence"}},
        {"properties", {{"version", {{"type", "integer"}}}, {"evidence", text(20000)}}}}},
      {"DeliveryCheckInput",
       {{"type", "object"}, {"required", {"version", "state"}},
        {"properties", {{"version", {{"type", "integer"}}}, {"state", enum_schema<DeliveryState>()},
                        {"evidence", text(20000)}, {"notes", text(20000)}, {"exception_reason", text(20000)}}}}},
      {"DeliveryChecksInput",
       {{"type", "object"}, {"required", {"items", "state", "evidence"}},
        {"properties",
         {{"items", {{"type", "array"}, {"minItems", 1}, {"maxItems", 5000},
                     {"items", {{"type", "object"}, {"required", {"measure_id", "version"}},
                                {"properties", {{"measure_id", {{"type", "string"}}}, {"version", {{"type", "integer"}}}}}}}}},
          {"state", {{"type", "string"}, {"enum", {"verified", "not_verified"}}}},
          {"evidence", text(20000)}, {"notes", text(20000)}}}}},
      {"SelfAssessmentInput",
       {{"type", "object"}, {"required", {"result", "statement"}},
        {"properties", {{"due_on", date}, {"result", {{"type", "string"}, {"enum", {"met", "partly", "not_met"}}}},
                        {"statement", text(20000)}}}}},
      {"IncidentInput",
       {{"type", "object"}, {"required", {"occurred_on", "description"}},
        {"properties", {{"occurred_on", date}, {"description", text(20000)}, {"affected_information", text(20000)},
                        {"measures", text(20000)}}}}},
      {"AgreementInput",
       {{"type", "object"}, {"required", {"agreed_on", "text"}},
        {"properties", {{"agreed_on", date}, {"parties", text(20000)}, {"text", text(20000)}}}}},
      {"ChangeInput",
       {{"type", "object"}, {"required", {"kind", "description"}},
        {"properties", {{"kind", enum_schema<ChangeKind>()}, {"description", text(20000)}, {"effective_on", date},
                        {"delivery_model", enum_schema<DeliveryModel>()}, {"hosting_location", enum_schema<HostingLocation>()},
                        {"subcontractor", text(200)},
                        {"subcontractor_country", {{"type", "string"}, {"description", "ISO 3166-1 alpha-2, for a new subcontractor"}}},
                        {"contract_change_proposed", {{"type", "boolean"}}},
                        {"reassessment_due_on", date}, {"reassessment_owner_user_id", {{"type", "string"}}}}}}},
      {"ChangeAssessmentInput",
       {{"type", "object"}, {"required", {"version", "answers"}},
        {"properties", {{"version", {{"type", "integer"}}},
                        {"answers", {{"type", "object"}, {"description", "LOU 17 kap. checklist: question → yes/no"},
                                     {"additionalProperties", {{"type", "boolean"}, {"nullable", true}}}}}}}}},
      {"ReassessmentInput",
       {{"type", "object"}, {"required", {"version", "conclusion"}},
        {"properties", {{"version", {{"type", "integer"}}}, {"conclusion", text(20000)},
                        {"add_measures", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}}},
      {"ExitPlanInput",
       {{"type", "object"}, {"required", {"version", "formats"}},
        {"properties", {{"version", {{"type", "integer"}}}, {"formats", text(20000)}, {"trigger", text(20000)},
                        {"notes", text(20000)}, {"attend_destruction", {{"type", "boolean"}}}}}}},
      {"ExitCheckInput",
       {{"type", "object"}, {"required", {"version", "state"}},
        {"properties", {{"version", {{"type", "integer"}}}, {"state", enum_schema<ExitCheckState>()},
                        {"evidence", text(20000)}, {"notes", text(20000)}}}}},
      {"ContractPatch", contract_patch},
      {"MeasurePlanInput", plan_patch},
      {"ObligationInput", obligation},
      {"JudgementInput",
       {{"type", "object"}, {"required", {"met"}},
        {"properties", {{"met", {{"type", "boolean"}, {"nullable", true}}}, {"reasoning", text(20000)}}}}},
      {"ShareInput",
       {{"type", "object"}, {"required", {"organisation_id"}}, {"properties", {{"organisation_id", {{"type", "string"}}}}}}},
      {"CopyInput",
       {{"type", "object"},
        {"required", {"registry_number", "title"}},
        {"properties", {{"registry_number", text(50)}, {"title", text(200)}}}}},
      {"CodeInput",
       {{"type", "object"}, {"required", {"code"}}, {"properties", {{"code", text(20)}}}}},
      {"SignOnInput",
       {{"type", "object"},
        {"required", {"version"}},
        {"properties",
         {{"version", {{"type", "integer"}}},
          {"name", text(200)},
          {"issuer_url", text(500)},
          {"client_id", text(500)},
          {"client_secret", text(1000)},
          {"scopes", text(500)},
          {"role_claim", text(100)},
          {"role_map", {{"type", "object"}, {"additionalProperties", {{"type", "array"}, {"items", {{"type", "string"}}}}}}},
          {"enabled", {{"type", "boolean"}}}}}}},
      {"UpgradeInput",
       {{"type", "object"},
        {"required", {"version"}},
        {"properties", {{"version", {{"type", "integer"}}}, {"decision", text(20000)}}}}},
      {"Error", error},
  };
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

json openapi_document(const Router& router) {
  json paths = json::object();
  for (const auto& route : router.routes()) {
    bool api = route.pattern.rfind("/api/v1/", 0) == 0 || route.pattern == "/healthz" || route.pattern == "/readyz";
    if (!api) continue;
    json op = {{"summary", route.summary}, {"responses", json::object()}};
    json params = json::array();
    for (const auto& seg : route.segments)
      if (seg.size() > 2 && seg.front() == '{')
        params.push_back({{"name", seg.substr(1, seg.size() - 2)}, {"in", "path"}, {"required", true},
                          {"schema", {{"type", "string"}}}});
    for (const auto& [name, description] : route.query)
      params.push_back({{"name", name}, {"in", "query"}, {"required", false}, {"description", description},
                        {"schema", {{"type", "string"}}}});
    if (!params.empty()) op["parameters"] = params;
    if (!route.request_schema.empty())
      op["requestBody"] = {{"required", true},
                           {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/" + route.request_schema}}}}}}}};
    if (!route.upload_types.empty()) {
      json content = json::object();
      for (const auto& type : route.upload_types) content[type] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
      op["requestBody"] = {{"required", true}, {"description", "The file itself"}, {"content", content}};
    }
    json error_ref = {{"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
    op["responses"][std::to_string(route.success_status)] = {{"description", "Success"}};
    if (route.access == Access::signed_in) {
      op["security"] = json::array({{{"bearer", json::array()}}, {{"session", json::array()}}});
      op["responses"]["401"] = error_ref;
      op["responses"]["401"]["description"] = "Not signed in";
      op["responses"]["403"] = error_ref;
      op["responses"]["403"]["description"] = "The role does not allow this";
      op["responses"]["404"] = error_ref;
      op["responses"]["404"]["description"] = "Missing, or belongs to another organisation";
    }
    if (!route.request_schema.empty() || !route.upload_types.empty()) {
      op["responses"]["400"] = error_ref;
      op["responses"]["400"]["description"] = "Malformed request; the message names the field";
      op["responses"]["422"] = error_ref;
      op["responses"]["422"]["description"] = "The request breaks a rule; the message names the field";
      op["responses"]["409"] = error_ref;
      op["responses"]["409"]["description"] = "Stale version or duplicate; carries the current state";
    }
    paths[route.pattern][lower(route.method)] = op;
  }
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "Kravkedja API"},
            {"version", "1"},
            {"description",
             "Information-secure procurement: cases, information assets, classification, gates. Messages follow "
             "?lang= or Accept-Language (sv, en)."}}},
          {"paths", paths},
          {"components",
           {{"schemas", schemas()},
            {"securitySchemes",
             {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
              {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "kk_session"}}}}}}}};
}

}  // namespace kk::web
