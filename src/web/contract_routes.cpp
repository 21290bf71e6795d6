// The API of contracts: made from an awarded case, with their terms and the follow-up plan of
// every agreed measure.
#include "web/web_app.hpp"

namespace kk::web {
using nlohmann::json;

void WebApp::register_contract_routes() {
  auto& r = router_;
  r.add("GET", "/api/v1/contracts", [this](RequestContext& ctx) { return api_json(ctx, contracts_.list(ctx.who())); })
      .summary = "The organisation's contracts (a supplier's user: its company's), with the next due follow-up";
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
  r.add("GET", "/api/v1/follow-ups", [this](RequestContext& ctx) {
     return api_json(ctx, contracts_.due(ctx.who(), ctx.req.query_param("until").value_or("")));
   }).summary = "Controls due up to ?until= (a month ahead by default) and overdue across every contract, and open deviations";
}

}  // namespace kk::web
