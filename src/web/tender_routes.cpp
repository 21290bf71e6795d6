// The API of the supplier register, the tenders of a case and their evaluation.
#include "io/docx_writer.hpp"
#include "io/table_export.hpp"
#include "io/xlsx_writer.hpp"
#include "web/web_app.hpp"

namespace kk::web {
using nlohmann::json;
using namespace kk::domain;

void WebApp::register_tender_routes() {
  auto& r = router_;

  r.add("GET", "/api/v1/suppliers", [this](RequestContext& ctx) {
     auto page = page_param(ctx);
     if (!page) return api_error(ctx, page.error());
     return api_json(ctx, suppliers_.list(ctx.who(), *page));
   })
      .with_query(paging_query())
      .summary = "The organisation's supplier register, each supplier with what to look at (certificates, third countries, DPF)";
  auto& create = r.add("POST", "/api/v1/suppliers", with_body([this](RequestContext& ctx, const json& b) {
                         return suppliers_.create(ctx.who(), b);
                       }, 201));
  create.summary = "Add a supplier with its certifications, subcontractors and contacts";
  create.request_schema = "SupplierInput";
  create.success_status = 201;
  r.add("GET", "/api/v1/suppliers/{supplier_id}", [this](RequestContext& ctx) {
     return api_json(ctx, suppliers_.get(ctx.who(), ctx.param("supplier_id")));
   }).summary = "One supplier with its findings";
  auto& update = r.add("PATCH", "/api/v1/suppliers/{supplier_id}", with_body([this](RequestContext& ctx, const json& b) {
                         return suppliers_.update(ctx.who(), ctx.param("supplier_id"), b);
                       }));
  update.summary = "Change a supplier (send the version read; a list given replaces the stored one)";
  update.request_schema = "SupplierPatch";
  auto& remove = r.add("DELETE", "/api/v1/suppliers/{supplier_id}", with_body([this](RequestContext& ctx, const json& b) {
                         return suppliers_.remove(ctx.who(), ctx.param("supplier_id"), b);
                       }));
  remove.summary = "Remove a supplier that has no tenders and no users";
  remove.request_schema = "VersionInput";

  r.add("GET", "/api/v1/cases/{id}/tenders", [this](RequestContext& ctx) {
     return api_json(ctx, tenders_.list(ctx.who(), ctx.param("id")));
   }).summary = "The case's tenders (never their contents), deadline, opening, evaluation group, model and award";
  auto& invite = r.add("POST", "/api/v1/cases/{id}/tenders", with_body([this](RequestContext& ctx, const json& b) {
                         return tenders_.invite(ctx.who(), ctx.param("id"), b);
                       }, 201));
  invite.summary = "Invite a supplier's user to tender (creating the user when a username is given)";
  invite.request_schema = "InviteInput";
  invite.success_status = 201;
  auto& open = r.add("POST", "/api/v1/cases/{id}/tenders/opening", [this](RequestContext& ctx) {
    return api_json(ctx, tenders_.open(ctx.who(), ctx.param("id")), 201);
  });
  open.summary = "Open the tenders once the deadline has passed (recorded: who and when)";
  open.success_status = 201;
  auto& group = r.add("PUT", "/api/v1/cases/{id}/evaluation-group", with_body([this](RequestContext& ctx, const json& b) {
                        return tenders_.set_evaluation_group(ctx.who(), ctx.param("id"), b);
                      }));
  group.summary = "The team members who evaluate the tenders (version 0 the first time)";
  group.request_schema = "EvaluationGroupInput";
  auto& model = r.add("PUT", "/api/v1/cases/{id}/evaluation-model", with_body([this](RequestContext& ctx, const json& b) {
                        return tenders_.set_evaluation_model(ctx.who(), ctx.param("id"), b);
                      }));
  model.summary = "The evaluation model, before the documents are approved (version 0 the first time)";
  model.request_schema = "EvaluationModelInput";
  r.add("GET", "/api/v1/cases/{id}/evaluation", [this](RequestContext& ctx) {
     return api_json(ctx, tenders_.evaluation(ctx.who(), ctx.param("id")));
   }).summary = "Every submitted tender evaluated by the model, side by side (evaluation group after opening; everyone after award)";

  r.add("GET", "/api/v1/cases/{id}/evaluation.docx", [this](RequestContext& ctx) {
     auto report = tenders_.report(ctx.who(), ctx.param("id"));
     if (!report) return api_error(ctx, report.error());
     return Response::attachment(io::write_docx(report->doc),
                                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                 "utvarderingsrapport.docx");
   }).summary = "The evaluation report: the comparison, each tender's result per requirement and the judgements";
  r.add("GET", "/api/v1/cases/{id}/evaluation.xlsx", [this](RequestContext& ctx) {
     auto report = tenders_.report(ctx.who(), ctx.param("id"));
     if (!report) return api_error(ctx, report.error());
     return Response::attachment(io::write_table_xlsx(report->table),
                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "utvardering.xlsx");
   }).summary = "The evaluation, one row per tender and requirement, as a spreadsheet";

  r.add("GET", "/api/v1/tenders", [this](RequestContext& ctx) { return api_json(ctx, tenders_.mine(ctx.who())); })
      .summary = "A supplier's user: the tenders it is invited to";
  r.add("GET", "/api/v1/tenders/{tender_id}", [this](RequestContext& ctx) {
     return api_json(ctx, tenders_.get(ctx.who(), ctx.param("tender_id")));
   }).summary = "A tender with the requirements it answers; the answers only to its supplier, or once opened to those who may see them";
  r.add("GET", "/api/v1/tenders/{tender_id}/responses", [this](RequestContext& ctx) {
     return api_json(ctx, tenders_.get(ctx.who(), ctx.param("tender_id")));
   }).summary = "The same as the tender: its requirements with the answers the reader may see";
  auto& save = r.add("PUT", "/api/v1/tenders/{tender_id}/responses", with_body([this](RequestContext& ctx, const json& b) {
                       return tenders_.save(ctx.who(), ctx.param("tender_id"), b);
                     }));
  save.summary = "The supplier saves answers, service and price before the deadline (a submitted tender must be submitted again)";
  save.request_schema = "ResponsesInput";
  auto& submit = r.add("POST", "/api/v1/tenders/{tender_id}/submission", with_body([this](RequestContext& ctx, const json& b) {
                         return tenders_.submit(ctx.who(), ctx.param("tender_id"), b);
                       }));
  submit.summary = "The supplier submits its tender (every requirement answered, a price given)";
  submit.request_schema = "VersionInput";
  auto& import = r.add("POST", "/api/v1/tenders/{tender_id}/responses.xlsx", [this](RequestContext& ctx) {
    // The body is the filled answer matrix itself.
    return api_json(ctx, tenders_.import_matrix(ctx.who(), ctx.param("tender_id"), ctx.req.body));
  });
  import.summary = "Import a filled answer matrix (XLSX body); every row that cannot be accepted is reported and nothing is imported";
  import.upload_types = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
  r.add("GET", "/api/v1/tenders/{tender_id}/responses.xlsx", [this](RequestContext& ctx) {
     auto doc = tenders_.matrix(ctx.who(), ctx.param("tender_id"));
     if (!doc) return api_error(ctx, doc.error());
     return Response::attachment(io::write_answer_matrix_xlsx(*doc),
                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "svarsmatris.xlsx");
   }).summary = "The answer matrix to fill in (the specification's requirements)";
  auto& upload = r.add("POST", "/api/v1/tenders/{tender_id}/files", [this](RequestContext& ctx) {
    // The body is the file itself; ?requirement_id= and ?name= say what it is evidence for.
    return api_json(ctx,
                    tenders_.add_file(ctx.who(), ctx.param("tender_id"), ctx.req.query_param("requirement_id").value_or(""),
                                      ctx.req.query_param("name").value_or(""), ctx.req.body),
                    201);
  });
  upload.summary = "Attach evidence to an answer (raw body; PDF, images, Office or OpenDocument files, plain text; 10 MB at most)";
  upload.upload_types = {"application/octet-stream"};
  upload.query = {{"requirement_id", "the requirement the file is evidence for"}, {"name", "the file's name"}};
  upload.success_status = 201;
  r.add("GET", "/api/v1/tenders/{tender_id}/files/{file_id}", [this](RequestContext& ctx) {
     auto f = tenders_.file(ctx.who(), ctx.param("tender_id"), ctx.param("file_id"));
     if (!f) return api_error(ctx, f.error());
     return Response::attachment(f->content, f->media_type, f->file_name);
   }).summary = "Download an evidence file";
  r.add("DELETE", "/api/v1/tenders/{tender_id}/files/{file_id}", [this](RequestContext& ctx) {
     return api_json(ctx, tenders_.remove_file(ctx.who(), ctx.param("tender_id"), ctx.param("file_id")));
   }).summary = "Remove an evidence file before the deadline";
  r.add("GET", "/api/v1/tenders/{tender_id}/copy.docx", [this](RequestContext& ctx) {
     bool masked = ctx.req.query_param("masked").value_or("") == "true";
     auto doc = tenders_.copy(ctx.who(), ctx.param("tender_id"), masked);
     if (!doc) return api_error(ctx, doc.error());
     return Response::attachment(io::write_docx(*doc),
                                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                 masked ? "anbud-maskerat.docx" : "anbud.docx");
   })
      .with_query({{"masked", "true: without the answers under requested secrecy"}})
      .summary = "A copy of the tender's answers; ?masked=true leaves out the answers under requested secrecy";
  auto& judge = r.add("PUT", "/api/v1/tenders/{tender_id}/judgements/{requirement_id}",
                      with_body([this](RequestContext& ctx, const json& b) {
                        return tenders_.judge(ctx.who(), ctx.param("tender_id"), ctx.param("requirement_id"), b);
                      }));
  judge.summary = "The evaluation group's judgement of an answer (met or not, with reasoning; met null withdraws it)";
  judge.request_schema = "JudgementInput";
}

}  // namespace kk::web
