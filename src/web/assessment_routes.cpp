// The API of what is recorded on a case besides its process: the guided forms (DPIA
// screening, outsourcing assessment with its decision basis, triage), the governing
// documents, the framework agreement's calling-off organisations, and the supplier's
// confirmations of measures.
#include "io/docx_writer.hpp"
#include "web/web_app.hpp"

namespace kk::web {
using nlohmann::json;
using namespace kk::domain;

void WebApp::register_assessment_routes() {
  auto& r = router_;

  r.add("GET", "/api/v1/cases/{id}/forms", [this](RequestContext& ctx) {
     return api_json(ctx, forms_.list(ctx.who(), ctx.param("id")));
   }).summary = "The guided forms of the case: whether each applies, how far it is answered, the facts it sets";
  r.add("GET", "/api/v1/cases/{id}/forms/{form}", [this](RequestContext& ctx) {
     return api_json(ctx, forms_.get(ctx.who(), ctx.param("id"), ctx.param("form")));
   }).summary = "A guided form with its questions and the answers recorded";
  auto& save_form = r.add("PUT", "/api/v1/cases/{id}/forms/{form}", with_body([this](RequestContext& ctx, const json& b) {
                            return forms_.save(ctx.who(), ctx.param("id"), ctx.param("form"), b);
                          }));
  save_form.summary = "Record answers (version 0 the first time); an empty value clears an answer";
  save_form.request_schema = "FormAnswersInput";
  r.add("GET", "/api/v1/cases/{id}/forms/{form}/decision-basis.docx", [this](RequestContext& ctx) {
     auto doc = forms_.decision_basis(ctx.who(), ctx.param("id"), ctx.param("form"));
     if (!doc) return api_error(ctx, doc.error());
     return Response::attachment(io::write_docx(*doc),
                                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                 "beslutsunderlag-" + ctx.param("form") + ".docx");
   }).summary = "The decision basis a form produces (the outsourcing assessment) as a Word document";

  using Register = app::RegisterService::Register;
  struct Listed {
    const char* path;
    const char* item;
    const char* what;
    const char* schema;
    Register which;
  };
  static const Listed registers[] = {
      {"governing-documents", "document_id", "governing documents (internal and external requirements) that apply",
       "GoverningDocumentInput", Register::governing_documents},
      {"framework-parties", "party_id", "organisations that will call off from the framework agreement, with their need",
       "FrameworkPartyInput", Register::framework_parties},
  };
  for (const auto& reg : registers) {
    std::string base = "/api/v1/cases/{id}/" + std::string(reg.path);
    std::string item = base + "/{" + reg.item + "}";
    std::string param = reg.item;
    Register which = reg.which;
    r.add("GET", base, [this, which](RequestContext& ctx) {
       return api_json(ctx, registers_.list(ctx.who(), ctx.param("id"), which));
     }).summary = std::string("The ") + reg.what;
    auto& add = r.add("POST", base, with_body([this, which](RequestContext& ctx, const json& b) {
                        return registers_.add(ctx.who(), ctx.param("id"), which, b);
                      }, 201));
    add.summary = std::string("Record one of the ") + reg.what;
    add.request_schema = reg.schema;
    add.success_status = 201;
    auto& edit = r.add("PATCH", item, with_body([this, which, param](RequestContext& ctx, const json& b) {
                         return registers_.edit(ctx.who(), ctx.param("id"), which, ctx.param(param), b);
                       }));
    edit.summary = "Change one (send the version read)";
    edit.request_schema = reg.schema;
    auto& remove = r.add("DELETE", item, with_body([this, which, param](RequestContext& ctx, const json& b) {
                           return registers_.remove(ctx.who(), ctx.param("id"), which, ctx.param(param), b);
                         }));
    remove.summary = "Remove one (send the version read)";
    remove.request_schema = "VersionInput";
  }

  r.add("GET", "/api/v1/cases/{id}/confirmations", [this](RequestContext& ctx) {
     return api_json(ctx, registers_.confirmations(ctx.who(), ctx.param("id")));
   }).summary = "The locked measures the supplier confirms (change of operating form, acquisition without procurement)";
  auto& confirm = r.add("PUT", "/api/v1/cases/{id}/confirmations/{requirement_id}",
                        with_body([this](RequestContext& ctx, const json& b) {
                          return registers_.confirm(ctx.who(), ctx.param("id"), ctx.param("requirement_id"), b);
                        }));
  confirm.summary = "Record the supplier's confirmation of a measure with its evidence (version 0 the first time)";
  confirm.request_schema = "ConfirmationInput";
  auto& withdraw = r.add("DELETE", "/api/v1/cases/{id}/confirmations/{requirement_id}",
                         with_body([this](RequestContext& ctx, const json& b) {
                           return registers_.withdraw_confirmation(ctx.who(), ctx.param("id"), ctx.param("requirement_id"), b);
                         }));
  withdraw.summary = "Withdraw a confirmation (send the version read)";
  withdraw.request_schema = "VersionInput";
}

}  // namespace kk::web
