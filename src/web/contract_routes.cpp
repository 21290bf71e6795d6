// The API of contracts: made from an awarded case, with their terms and the follow-up plan of
// every agreed measure.
#include "web/web_app.hpp"

namespace kk::web {
using nlohmann::json;

void WebApp::register_contract_routes() {
  auto& r = router_;
  r.add("GET", "/api/v1/contracts", [this](RequestContext& ctx) {
     auto page = page_param(ctx);
     if (!page) return api_error(ctx, page.error());
     app::ContractFilter filter{ctx.req.query_param("case_id").value_or(""), ""};
     return api_json(ctx, contracts_.list(ctx.who(), filter, *page));
   })
      .with_query(paging_query())
      .with_query({{"case_id", "only this case's contracts"}})
      .summary = "The organisation's contracts (a supplier's user: its company's) by end date, with the next due "
                 "follow-up, a page at a time (?limit=1–1000, default 100; ?offset=; ?case_id= one case's)";
  auto& create = r.add("POST", "/api/v1/cases/{id}/contract", with_body([this](RequestContext& ctx, const json& b) {
                         return contracts_.create(ctx.who(), ctx.param("id"), b);
                       }, 201));
  create.summary = "Make the contract of an awarded case; its measures are what the awarded tender met";
  create.request_schema = "ContractInput";
  create.success_status = 201;
  r.add("GET", "/api/v1/contracts/{contract_id}", [this](RequestContext& ctx) {
     return api_json(ctx, contracts_.get(ctx.who(), ctx.param("contract_id")));
   }).summary = "A contract with its terms, measures, due dates and expiry alert";
  auto& update = r.add("PATCH", "/api/v1/contracts/{contract_id}", with_body([this](RequestContext& ctx, const json& b) {
                         return contracts_.update(ctx.who(), ctx.param("contract_id"), b);
                       }));
  update.summary = "Change the contract's period or terms (send the version read)";
  update.request_schema = "ContractPatch";
  auto& plan = r.add("PUT", "/api/v1/contracts/{contract_id}/measures/{measure_id}",
                     with_body([this](RequestContext& ctx, const json& b) {
                       return contracts_.plan(ctx.who(), ctx.param("contract_id"), ctx.param("measure_id"), b);
                     }));
  plan.summary = "The follow-up plan of a measure: responsibility and lead, method, frequency, evidence, owner";
  plan.request_schema = "MeasurePlanInput";
  auto& obligation = r.add("POST", "/api/v1/contracts/{contract_id}/obligations",
                           with_body([this](RequestContext& ctx, const json& b) {
                             return contracts_.add_obligation(ctx.who(), ctx.param("contract_id"), b);
                           }, 201));
  obligation.summary = "An obligation the supplier places on us, followed up like the measures";
  obligation.request_schema = "ObligationInput";
  obligation.success_status = 201;
  auto& record = r.add("POST", "/api/v1/contracts/{contract_id}/measures/{measure_id}/records",
                       with_body([this](RequestContext& ctx, const json& b) {
                         return contracts_.record(ctx.who(), ctx.param("contract_id"), ctx.param("measure_id"), b);
                       }, 201));
  record.summary = "Record a control's result (met, partly, not met); not met opens a deviation with plan, deadline and owner";
  record.request_schema = "FollowUpInput";
  record.success_status = 201;
  auto& close = r.add("POST", "/api/v1/deviations/{deviation_id}/closure", with_body([this](RequestContext& ctx, const json& b) {
                        return contracts_.close_deviation(ctx.who(), ctx.param("deviation_id"), b);
                      }));
  close.summary = "Close a deviation with the evidence that it is put right (send the version read)";
  close.request_schema = "ClosureInput";
  r.add("GET", "/api/v1/contracts/{contract_id}/calendar.ics", [this](RequestContext& ctx) {
     auto ics = contracts_.calendar(ctx.who(), ctx.param("contract_id"));
     if (!ics) return api_error(ctx, ics.error());
     return Response::attachment(*ics, "text/calendar; charset=utf-8", "uppfoljning.ics");
   }).summary = "The contract's due controls as an iCalendar file (one all-day event per due date)";
  r.add("GET", "/api/v1/contracts/{contract_id}/oscal-assessment-results.json", [this](RequestContext& ctx) {
     auto results = contracts_.oscal_assessment_results(ctx.who(), ctx.param("contract_id"), base_url(ctx.req));
     if (!results) return api_error(ctx, results.error());
     return Response::attachment(std::move(*results), "application/json", "uppfoljning-" + ctx.param("contract_id") + ".json");
   }).summary = "The follow-up so far as OSCAL 1.1.2 assessment results: an observation per recorded control, "
                "a finding per requirement in the state of its latest control";
  register_contract_life_routes();
  r.add("GET", "/api/v1/cases/{id}/archive.zip", [this](RequestContext& ctx) {
     auto package = archives_.package(ctx.who(), ctx.param("id"));
     if (!package) return api_error(ctx, package.error());
     return Response::attachment(package->bytes, "application/zip", package->file_name);
   }).summary = "The archive package of a closed case: documents, decisions, specification, evaluation, contracts with "
                "their follow-up and evidence, and the audit extract, in open formats with the retention period";
  r.add("GET", "/api/v1/follow-ups", [this](RequestContext& ctx) {
     auto page = page_param(ctx);
     if (!page) return api_error(ctx, page.error());
     return api_json(ctx, contracts_.due(ctx.who(), ctx.req.query_param("until").value_or(""), *page));
   })
      .with_query(paging_query())
      .with_query({{"until", "the last due date, YYYY-MM-DD (a month ahead by default)"}})
      .summary = "Controls due up to ?until= (a month ahead by default) and overdue across every contract, by due date, "
                "a page at a time (?limit=1–1000, default 100; ?offset=), and open deviations";
}

// Delivery, the supplier's reports, informal agreements, changes, exit and evidence files.
void WebApp::register_contract_life_routes() {
  auto& r = router_;
  // A JSON route of the contract's life: method, path, what it does, its schema, its status.
  auto route = [&](const char* method, const char* path, auto&& call, const char* summary, const char* schema,
                   int status = 200) {
    auto& added = r.add(method, path, with_body(std::forward<decltype(call)>(call), status));
    added.summary = summary;
    added.request_schema = schema;
    added.success_status = status;
  };
  route("PUT", "/api/v1/contracts/{contract_id}/delivery/{measure_id}",
        [this](RequestContext& ctx, const json& b) {
          return life_.check_delivery(ctx.who(), ctx.param("contract_id"), ctx.param("measure_id"), b);
        },
        "Check one measure at delivery: verified or not with evidence, or an exception the information owner decides",
        "DeliveryCheckInput");
  route("POST", "/api/v1/contracts/{contract_id}/delivery",
        [this](RequestContext& ctx, const json& b) { return life_.check_deliveries(ctx.who(), ctx.param("contract_id"), b); },
        "Check many measures at delivery at once, with the same evidence (all or none; an exception is decided one "
        "measure at a time)",
        "DeliveryChecksInput");
  route("POST", "/api/v1/contracts/{contract_id}/measures/{measure_id}/self-assessments",
        [this](RequestContext& ctx, const json& b) {
          return life_.self_assess(ctx.who(), ctx.param("contract_id"), ctx.param("measure_id"), b);
        },
        "The supplier's self-assessment of a measure (a supplier's user, for its company's contract)",
        "SelfAssessmentInput", 201);
  route("POST", "/api/v1/contracts/{contract_id}/incidents",
        [this](RequestContext& ctx, const json& b) { return life_.report_incident(ctx.who(), ctx.param("contract_id"), b); },
        "Report an incident: date, description, affected information, measures (the supplier's users too)",
        "IncidentInput", 201);
  route("POST", "/api/v1/contracts/{contract_id}/agreements",
        [this](RequestContext& ctx, const json& b) { return life_.note_agreement(ctx.who(), ctx.param("contract_id"), b); },
        "Note an informal agreement made during the contract period", "AgreementInput", 201);
  route("POST", "/api/v1/contracts/{contract_id}/changes",
        [this](RequestContext& ctx, const json& b) { return life_.record_change(ctx.who(), ctx.param("contract_id"), b); },
        "Record a change (owner, subcontractor, delivery model, hosting, law, protection need); it marks a re-assessment "
        "and returns the difference in the requirements the rules select",
        "ChangeInput", 201);
  route("PUT", "/api/v1/contracts/{contract_id}/changes/{change_id}/lou",
        [this](RequestContext& ctx, const json& b) {
          return life_.assess_change(ctx.who(), ctx.param("contract_id"), ctx.param("change_id"), b);
        },
        "The LOU 17 kap. checklist of a proposed contract change: allowed, or a new procurement", "ChangeAssessmentInput");
  route("POST", "/api/v1/contracts/{contract_id}/changes/{change_id}/reassessment",
        [this](RequestContext& ctx, const json& b) {
          return life_.complete_reassessment(ctx.who(), ctx.param("contract_id"), ctx.param("change_id"), b);
        },
        "Complete the re-assessment after a change, adding measures from the difference when the change is allowed",
        "ReassessmentInput");
  r.add("GET", "/api/v1/contracts/{contract_id}/changes/{change_id}/difference", [this](RequestContext& ctx) {
     return api_json(ctx, life_.difference(ctx.who(), ctx.param("contract_id"), ctx.param("change_id")));
   }).summary = "The requirements the rules select now against those they selected when the change was recorded";
  route("PUT", "/api/v1/contracts/{contract_id}/exit-plan",
        [this](RequestContext& ctx, const json& b) { return life_.plan_exit(ctx.who(), ctx.param("contract_id"), b); },
        "The exit plan: the formats the information comes back in, when, and the right to attend destruction",
        "ExitPlanInput");
  route("PUT", "/api/v1/contracts/{contract_id}/exit-checks/{check}",
        [this](RequestContext& ctx, const json& b) {
          return life_.check_exit(ctx.who(), ctx.param("contract_id"), ctx.param("check"), b);
        },
        "One exit check (information returned, readable, deletion and backups confirmed, equipment wiped, access removed)",
        "ExitCheckInput");
  auto& upload = r.add("POST", "/api/v1/contracts/{contract_id}/files", [this](RequestContext& ctx) {
    // The body is the file itself; ?subject=<kind>:<key> says what it is evidence for.
    return api_json(ctx,
                    life_.add_file(ctx.who(), ctx.param("contract_id"), ctx.req.query_param("subject").value_or(""),
                                   ctx.req.query_param("name").value_or(""), ctx.req.body),
                    201);
  });
  upload.summary = "Attach evidence (raw body, 10 MB at most) to a follow-up record, deviation, delivery or exit check, "
                   "self-assessment, incident, agreement or change: ?subject=record:<id>";
  upload.upload_types = {"application/octet-stream"};
  upload.query = {{"subject", "what the file is evidence for, <kind>:<key> such as record:<id>"}, {"name", "the file's name"}};
  upload.success_status = 201;
  r.add("GET", "/api/v1/contracts/{contract_id}/files/{file_id}", [this](RequestContext& ctx) {
     auto f = life_.file(ctx.who(), ctx.param("contract_id"), ctx.param("file_id"));
     if (!f) return api_error(ctx, f.error());
     return Response::attachment(f->content, f->media_type, f->file_name);
   }).summary = "Download an evidence file of a contract";
}

}  // namespace kk::web
