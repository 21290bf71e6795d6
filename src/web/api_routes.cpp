// The JSON API under /api/v1: thin handlers that call the use cases.
#include <algorithm>
#include <charconv>

#include "app/crypto.hpp"
#include "app/views.hpp"
#include "io/docx_writer.hpp"
#include "io/table_export.hpp"
#include "web/web_app.hpp"

namespace kk::web {
using nlohmann::json;
using namespace kk::domain;

Response WebApp::metrics_page(const RequestContext& ctx) const {
  const Request& req = ctx.req;
  bool allowed;
  if (!metrics_token_.empty()) {
    std::string auth = req.header("authorization");
    allowed = auth.rfind("Bearer ", 0) == 0 && app::same_secret(auth.substr(7), metrics_token_);
  } else {
    // Without a token only a scraper on this machine, talking to the node directly: a request
    // that came through a proxy carries one of the headers proxies add.
    bool loopback = req.remote_address == "127.0.0.1" || req.remote_address == "::1" ||
                    req.remote_address.rfind("::ffff:127.", 0) == 0;
    bool proxied = false;
    for (const char* h : {"x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-proto", "x-forwarded-host", "via"})
      proxied = proxied || !req.header(h).empty();
    allowed = loopback && !proxied;
  }
  if (!allowed) return api_error(ctx, Error::forbidden());
  return Response::text(200, metrics_.prometheus(pool_figures_ ? pool_figures_() : PoolFigures{}),
                        "text/plain; version=0.0.4; charset=utf-8");
}

void WebApp::register_api_routes() {
  auto& r = router_;

  // Alive (for a supervisor): the process answers. Deliberately not the database: a node must not
  // be restarted because PostgreSQL is away; /readyz keeps it out of the balancer meanwhile.
  auto& healthz = r.add("GET", "/healthz", [this](RequestContext&) {
     return Response::json(json{{"status", "ok"}, {"database", store_.engine()}}.dump());
   }, Access::public_route);
  healthz.summary = "Liveness: the process answers (the database is /readyz's concern)";
  healthz.ignores_identity = true;

  // Ready to take traffic (for a load balancer): the database answers and has every migration
  // this binary knows; 503 with the reason otherwise, so a node is kept out until it is.
  auto& readyz = r.add("GET", "/readyz", [this](RequestContext&) {
     try {
       auto tx = store_.begin(false);
       int pending = pending_migrations_ ? pending_migrations_() : 0;
       if (pending > 0)
         return Response::json(json{{"status", "not_ready"}, {"reason", "migrations_pending"}, {"pending", pending}}.dump(), 503);
       return Response::json(json{{"status", "ready"}, {"database", store_.engine()}}.dump());
     } catch (const std::exception& e) {
       return Response::json(json{{"status", "not_ready"}, {"reason", "database_unreachable"}}.dump(), 503);
     }
   }, Access::public_route);
  readyz.summary = "Readiness: the database answers and its migrations are current";
  readyz.ignores_identity = true;

  auto& metrics = r.add("GET", "/metrics", [this](RequestContext& ctx) { return metrics_page(ctx); },
                        Access::public_route);
  metrics.summary = "Prometheus metrics (text format): requests, latencies, errors, database pool, memory";
  metrics.ignores_identity = true;

  r.add("GET", "/api/v1/openapi.json", [this](RequestContext&) {
     return Response::json(openapi_json_);
   }, Access::public_route).summary = "This OpenAPI document";

  r.add("GET", "/api/v1/me", [this](RequestContext& ctx) {
     // A supplier's user is told who it is, not about the buying organisation.
     if (ctx.who().user.is_supplier())
       return Response::json(json{{"user", app::user_json(ctx.who().user)}, {"organisation", nullptr}}.dump());
     auto org = accounts_.organisation(ctx.who());
     if (!org) return api_error(ctx, org.error());
     return Response::json(json{{"user", app::user_json(ctx.who().user)}, {"organisation", *org}}.dump());
   }).summary = "The signed-in user and organisation";

  r.add("GET", "/api/v1/classification-model", [this](RequestContext& ctx) {
     return Response::json(assets_.model(ctx.who()).dump());
   }).summary = "The organisation's classification model";
  r.add("GET", "/api/v1/classification-questions", [this](RequestContext& ctx) {
     return Response::json(assets_.questions(ctx.who()).dump());
   }).summary = "The guided initial classification questions";
  auto& proposal = r.add("POST", "/api/v1/classification-questions/proposal",
                         with_body([this](RequestContext& ctx, const json& b) { return assets_.propose(ctx.who(), b); }));
  proposal.summary = "Proposed levels and flags for answers to the guided questions";
  proposal.request_schema = "ClassificationAnswers";
  r.add("GET", "/api/v1/process", [this](RequestContext& ctx) {
     return Response::json(cases_.process(ctx.who()).dump());
   }).summary = "Steps, phases, gates, activities and competences of the process";

  // Assets
  r.add("GET", "/api/v1/assets", [this](RequestContext& ctx) {
     auto page = page_param(ctx);
     if (!page) return api_error(ctx, page.error());
     return api_json(ctx, assets_.list(ctx.who(), *page));
   })
      .with_query(paging_query())
      .summary = "List information assets by name, a page at a time (?limit=1–1000, default 100; ?offset=)";
  auto& create_asset = r.add("POST", "/api/v1/assets", with_body([this](RequestContext& ctx, const json& b) {
                               return assets_.create(ctx.who(), b);
                             }, 201));
  create_asset.summary = "Create an information asset";
  create_asset.request_schema = "AssetInput";
  create_asset.success_status = 201;
  auto& import_assets = r.add("POST", "/api/v1/assets/import", [this](RequestContext& ctx) {
    // The body is the file itself (XLSX or CSV); ?name= names it in the audit log.
    return api_json(ctx, assets_.import(ctx.who(), ctx.req.body, ctx.req.query_param("name").value_or("upload")));
  });
  import_assets.summary = "Import information assets with their classification from XLSX or CSV (body: the file); "
                          "every row that cannot be taken is listed as problems and nothing is imported";
  import_assets.upload_types = {"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream"};
  import_assets.query = {{"name", "the file's name, for the audit log"}};
  r.add("GET", "/api/v1/assets/{id}", [this](RequestContext& ctx) {
     return api_json(ctx, assets_.get(ctx.who(), ctx.param("id")));
   }).summary = "Get an information asset";
  auto& patch_asset = r.add("PATCH", "/api/v1/assets/{id}", with_body([this](RequestContext& ctx, const json& b) {
                              return assets_.update(ctx.who(), ctx.param("id"), b);
                            }));
  patch_asset.summary = "Change an information asset (send the version read)";
  patch_asset.request_schema = "AssetPatch";
  auto& delete_asset = r.add("DELETE", "/api/v1/assets/{id}", [this](RequestContext& ctx) {
    auto s = assets_.remove(ctx.who(), ctx.param("id"));
    if (!s) return api_error(ctx, s.error());
    Response res;
    res.status = 204;
    return res;
  });
  delete_asset.summary = "Delete an information asset not linked to any case";
  delete_asset.success_status = 204;

  // Cases
  r.add("GET", "/api/v1/cases", [this](RequestContext& ctx) {
     auto page = page_param(ctx);
     if (!page) return api_error(ctx, page.error());
     return api_json(ctx, cases_.list(ctx.who(), *page));
   })
      .with_query(paging_query())
      .summary = "List procurement cases, newest first, a page at a time (?limit=1–1000, default 100; ?offset=)";
  auto& create_case = r.add("POST", "/api/v1/cases", with_body([this](RequestContext& ctx, const json& b) {
                              return cases_.create(ctx.who(), b);
                            }, 201));
  create_case.summary = "Open a procurement case";
  create_case.request_schema = "CaseInput";
  create_case.success_status = 201;
  r.add("GET", "/api/v1/cases/{id}", [this](RequestContext& ctx) {
     return api_json(ctx, cases_.get(ctx.who(), ctx.param("id")));
   }).summary = "Get a case with step, phase, classification, gates, activities and team";
  auto& patch_case = r.add("PATCH", "/api/v1/cases/{id}", with_body([this](RequestContext& ctx, const json& b) {
                             return cases_.update(ctx.who(), ctx.param("id"), b);
                           }));
  patch_case.summary = "Change a case's facts (send the version read)";
  patch_case.request_schema = "CasePatch";
  auto& link = r.add("POST", "/api/v1/cases/{id}/assets", with_body([this](RequestContext& ctx, const json& b) {
                       return cases_.link_asset(ctx.who(), ctx.param("id"), b);
                     }));
  link.summary = "Link an information asset to the case";
  link.request_schema = "AssetLink";
  r.add("DELETE", "/api/v1/cases/{id}/assets/{asset_id}", [this](RequestContext& ctx) {
     return api_json(ctx, cases_.unlink_asset(ctx.who(), ctx.param("id"), ctx.param("asset_id")));
   }).summary = "Unlink an information asset from the case";
  auto& decide = r.add("POST", "/api/v1/cases/{id}/decisions", with_body([this](RequestContext& ctx, const json& b) {
                         return cases_.decide(ctx.who(), ctx.param("id"), b);
                       }, 201));
  decide.summary = "Record a decision at a gate (in order, once; reopened returns before it)";
  decide.request_schema = "DecisionInput";
  decide.success_status = 201;
  auto& activity = r.add("PATCH", "/api/v1/cases/{id}/activities/{key}",
                         with_body([this](RequestContext& ctx, const json& b) {
                           return cases_.record_activity(ctx.who(), ctx.param("id"), ctx.param("key"), b);
                         }));
  activity.summary = "Record an activity as done, not applicable (with reason) or open";
  activity.request_schema = "ActivityInput";
  auto& team = r.add("POST", "/api/v1/cases/{id}/team", with_body([this](RequestContext& ctx, const json& b) {
                       return cases_.add_member(ctx.who(), ctx.param("id"), b);
                     }));
  team.summary = "Add a person with a competence to the case team";
  team.request_schema = "TeamMemberInput";
  r.add("DELETE", "/api/v1/cases/{id}/team/{user_id}/{competence}", [this](RequestContext& ctx) {
     return api_json(ctx, cases_.remove_member(ctx.who(), ctx.param("id"), ctx.param("user_id"), ctx.param("competence")));
   }).summary = "Remove a competence of a person from the case team";
  auto& copy = r.add("POST", "/api/v1/cases/{id}/copy", with_body([this](RequestContext& ctx, const json& b) {
                       return cases_.copy(ctx.who(), ctx.param("id"), b);
                     }, 201));
  copy.summary = "Open a new case from this one: facts, linked assets and the stored specification";
  copy.request_schema = "CopyInput";
  copy.success_status = 201;
  auto& cancel = r.add("POST", "/api/v1/cases/{id}/cancel", with_body([this](RequestContext& ctx, const json& b) {
                         return cases_.cancel(ctx.who(), ctx.param("id"), b);
                       }));
  cancel.summary = "Cancel the case with a reason";
  cancel.request_schema = "CancelInput";

  r.add("GET", "/api/v1/cases/{id}/specification", [this](RequestContext& ctx) {
     return api_json(ctx, specifications_.get(ctx.who(), ctx.param("id")));
   }).summary = "The case's security requirements, each with the reasons it is there";
  auto& add_entry = r.add("POST", "/api/v1/cases/{id}/specification/entries",
                          with_body([this](RequestContext& ctx, const json& b) {
                            return specifications_.add_entry(ctx.who(), ctx.param("id"), b);
                          }, 201));
  add_entry.summary = "Add a catalogue requirement to the specification by hand, with a reason";
  add_entry.request_schema = "EntryInput";
  add_entry.success_status = 201;
  auto& edit_entry = r.add("PATCH", "/api/v1/cases/{id}/specification/entries/{entry_id}",
                           with_body([this](RequestContext& ctx, const json& b) {
                             return specifications_.edit_entry(ctx.who(), ctx.param("id"), ctx.param("entry_id"), b);
                           }));
  edit_entry.summary = "Strike (with a reason) or reinstate an entry, change ska/bör, weight or the case's text";
  edit_entry.request_schema = "EntryPatch";
  auto& resolve = r.add("POST", "/api/v1/cases/{id}/specification/proposal",
                         with_body([this](RequestContext& ctx, const json& b) {
                           return specifications_.resolve_proposal(ctx.who(), ctx.param("id"), b);
                         }));
  resolve.summary = "Apply or decline the difference the case's current facts propose";
  resolve.request_schema = "ProposalInput";
  auto& upgrade = r.add("POST", "/api/v1/cases/{id}/specification/upgrade",
                        with_body([this](RequestContext& ctx, const json& b) {
                          return specifications_.upgrade(ctx.who(), ctx.param("id"), b);
                        }));
  upgrade.summary = "Move a stored specification to the newest catalogue and rule sets (the change shows as a proposal)";
  upgrade.request_schema = "UpgradeInput";
  r.add("GET", "/api/v1/cases/{id}/findings", [this](RequestContext& ctx) {
     return api_json(ctx, specifications_.findings(ctx.who(), ctx.param("id")));
   }).summary = "Findings and required activities of the rule sets, from the case's current facts";

  // Risk registers
  r.add("GET", "/api/v1/risk-matrix", [this](RequestContext& ctx) { return Response::json(risks_.matrix(ctx.who()).dump()); })
      .summary = "The organisation's risk matrix: scales, levels and the acceptance level";
  r.add("GET", "/api/v1/risk-starters", [this](RequestContext& ctx) { return Response::json(risks_.starters(ctx.who()).dump()); })
      .summary = "Common procurement risks to start a register from";
  r.add("GET", "/api/v1/cases/{id}/risks", [this](RequestContext& ctx) {
     return api_json(ctx, risks_.list(ctx.who(), ctx.param("id")));
   }).summary = "The case's risk register (all stages)";
  auto& create_risk = r.add("POST", "/api/v1/cases/{id}/risks", with_body([this](RequestContext& ctx, const json& b) {
                              return risks_.create(ctx.who(), ctx.param("id"), b);
                            }, 201));
  create_risk.summary = "Record a risk (stage, likelihood, consequence, assets, aspects, treatment, linked requirements)";
  create_risk.request_schema = "RiskInput";
  create_risk.success_status = 201;
  for (std::string ext : {"xlsx", "csv"})
    r.add("GET", "/api/v1/cases/{id}/risks." + ext, [this, ext](RequestContext& ctx) {
       auto table = risks_.table(ctx.who(), ctx.param("id"));
       if (!table) return api_error(ctx, table.error());
       return table_file(*table, ext, "riskbedomning");
     }).summary = "The risk register as " + std::string(ext == "xlsx" ? "XLSX" : "CSV (UTF-8 with BOM, semicolons)");
  r.add("GET", "/api/v1/cases/{id}/risk-assessments", [this](RequestContext& ctx) {
     return api_json(ctx, risks_.assessments(ctx.who(), ctx.param("id")));
   }).summary = "Who took part in each stage's risk assessment";
  auto& save_assessment = r.add("PATCH", "/api/v1/cases/{id}/risk-assessments/{stage}",
                                with_body([this](RequestContext& ctx, const json& b) {
                                  return risks_.save_assessment(ctx.who(), ctx.param("id"), ctx.param("stage"), b);
                                }));
  save_assessment.summary = "Record the participants and notes of a stage's assessment (version 0 the first time)";
  save_assessment.request_schema = "AssessmentInput";
  r.add("GET", "/api/v1/cases/{id}/risks.docx", [this](RequestContext& ctx) {
     auto report = risks_.report(ctx.who(), ctx.param("id"));
     if (!report) return api_error(ctx, report.error());
     return Response::attachment(io::write_docx(*report),
                                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                 "riskbedomning.docx");
   }).summary = "The risk register as a report (DOCX) with the heat maps before and after measures";
  auto& copy_stage = r.add("POST", "/api/v1/cases/{id}/risks/copy-stage", with_body([this](RequestContext& ctx, const json& b) {
                             return risks_.copy_stage(ctx.who(), ctx.param("id"), b);
                           }));
  copy_stage.summary = "Copy every risk of one stage to a later one for re-assessment; the earlier stage stays as history";
  copy_stage.request_schema = "CopyStageInput";
  r.add("GET", "/api/v1/cases/{id}/risks/{risk_id}", [this](RequestContext& ctx) {
     return api_json(ctx, risks_.get(ctx.who(), ctx.param("id"), ctx.param("risk_id")));
   }).summary = "A risk of the case";
  auto& patch_risk = r.add("PATCH", "/api/v1/cases/{id}/risks/{risk_id}", with_body([this](RequestContext& ctx, const json& b) {
                             return risks_.update(ctx.who(), ctx.param("id"), ctx.param("risk_id"), b);
                           }));
  patch_risk.summary = "Change a risk, or record the information owner's decision on it (send the version read)";
  patch_risk.request_schema = "RiskPatch";
  auto& delete_risk = r.add("DELETE", "/api/v1/cases/{id}/risks/{risk_id}", [this](RequestContext& ctx) {
    auto s = risks_.remove(ctx.who(), ctx.param("id"), ctx.param("risk_id"));
    if (!s) return api_error(ctx, s.error());
    Response res;
    res.status = 204;
    return res;
  });
  delete_risk.summary = "Remove a risk from the register";
  delete_risk.success_status = 204;

  register_document_routes();
  register_catalogue_routes();
  register_assessment_routes();
  register_tender_routes();
  register_contract_routes();
  register_reminder_routes();
  register_sign_on_routes();

  // Administration
  r.add("GET", "/api/v1/directory", [this](RequestContext& ctx) { return api_json(ctx, accounts_.directory(ctx.who())); })
      .summary = "Active users of the organisation, for choosing owners and team members";
  r.add("GET", "/api/v1/users", [this](RequestContext& ctx) {
     auto page = page_param(ctx);
     if (!page) return api_error(ctx, page.error());
     return api_json(ctx, accounts_.list_users(ctx.who(), *page));
   })
      .with_query(paging_query())
      .summary = "List users (admin)";
  auto& create_user = r.add("POST", "/api/v1/users", with_body([this](RequestContext& ctx, const json& b) {
                              return accounts_.create_user(ctx.who(), b);
                            }, 201));
  create_user.summary = "Create a user (admin); a generated initial password is returned once";
  create_user.request_schema = "UserInput";
  create_user.success_status = 201;
  auto& patch_user = r.add("PATCH", "/api/v1/users/{id}", with_body([this](RequestContext& ctx, const json& b) {
                             return accounts_.update_user(ctx.who(), ctx.param("id"), b);
                           }));
  patch_user.summary = "Change a user's name, roles or active state (admin)";
  patch_user.request_schema = "UserPatch";
  r.add("POST", "/api/v1/users/{id}/reset-password", [this](RequestContext& ctx) {
     return api_json(ctx, accounts_.reset_password(ctx.who(), ctx.param("id")));
   }).summary = "Set a new random password, returned once (admin)";
  r.add("GET", "/api/v1/organisation", [this](RequestContext& ctx) {
     return api_json(ctx, accounts_.organisation(ctx.who()));
   }).summary = "The organisation's settings";
  auto& patch_org = r.add("PATCH", "/api/v1/organisation", with_body([this](RequestContext& ctx, const json& b) {
                            return accounts_.update_organisation(ctx.who(), b);
                          }));
  patch_org.summary = "Change the organisation's settings (admin)";
  patch_org.request_schema = "OrganisationPatch";
  r.add("GET", "/api/v1/audit", [this](RequestContext& ctx) {
     // Each parameter a whole number, or the error naming that parameter.
     std::int64_t before = INT64_MAX, limit = 100;
     for (auto [name, value] : {std::pair<const char*, std::int64_t*>{"before", &before}, {"limit", &limit}})
       if (auto text = ctx.req.query_param(name)) {
         auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), *value);
         if (ec != std::errc() || end != text->data() + text->size() || text->empty())
           return api_error(ctx, Error::invalid("error.type_integer", name));
       }
     return api_json(ctx, accounts_.audit(ctx.who(), before, static_cast<int>(std::clamp<std::int64_t>(limit, 1, 1000))));
   })
      .with_query({{"before", "entries before this sequence number"}, {"limit", "how many, 1–1000 (100 by default)"}})
      .summary = "The audit log, newest first (admin)";
}

}  // namespace kk::web
