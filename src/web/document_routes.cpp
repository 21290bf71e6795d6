// Downloads of the case's specification: DOCX (the tender appendix), XLSX (the suppliers'
// answer matrix), PDF (the DOCX through LibreOffice), CSV, Markdown and JSON.
#include "io/docx_writer.hpp"
#include "io/office_convert.hpp"
#include "io/questionnaire.hpp"
#include "io/spec_text_writers.hpp"
#include "io/xlsx_writer.hpp"
#include "web/web_app.hpp"

namespace kk::web {
using nlohmann::json;
using namespace kk::domain;

namespace {
// A file name people recognise: the registry number with anything odd replaced.
std::string file_name(const io::SpecDocument& doc, const std::string& ext) {
  std::string base = "kravspecifikation-" + doc.registry_number;
  for (auto& c : base)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '-';
  return base + "." + ext;
}

}  // namespace

void WebApp::register_document_routes() {
  struct Format {
    const char* ext;
    const char* type;
    const char* summary;
  };
  static const Format formats[] = {
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
       "The tender appendix as a Word document"},
      {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
       "The answer matrix for suppliers, with drop-down answers"},
      {"pdf", "application/pdf", "The tender appendix as PDF (needs LibreOffice on the server)"},
      {"csv", "text/csv; charset=utf-8", "The requirements as CSV (UTF-8 with BOM, semicolons)"},
      {"md", "text/markdown; charset=utf-8", "The tender appendix as Markdown"},
      {"json", "application/json; charset=utf-8", "The specification with its reasons as JSON"},
  };
  router_.add("GET", "/api/v1/cases/{id}/specification/oscal-profile.json", [this](RequestContext& ctx) {
     auto profile = specifications_.oscal_profile(ctx.who(), ctx.param("id"), base_url(ctx.req));
     if (!profile) return api_error(ctx, profile.error());
     return Response::attachment(std::move(*profile), "application/json", "profil-" + ctx.param("id") + ".json");
   }).summary = "The specification as an OSCAL 1.1.2 profile over the imported OSCAL catalogs its controls come from";
  router_.add("GET", "/api/v1/cases/{id}/specification/oscal-catalog.json", [this](RequestContext& ctx) {
     auto catalog = specifications_.oscal_catalog(ctx.who(), ctx.param("id"));
     if (!catalog) return api_error(ctx, catalog.error());
     return Response::attachment(std::move(*catalog), "application/json", "katalog-" + ctx.param("id") + ".json");
   }).summary = "The specification as an OSCAL 1.1.2 catalog of its own: a group per placement and area, a control per "
                "requirement (statement, motive as guidance, kind, weight and verification as properties)";
  for (std::string ext : {"xlsx", "csv"})
    router_.add("GET", "/api/v1/cases/{id}/specification/questionnaire." + ext, [this, ext](RequestContext& ctx) {
       auto doc = specifications_.document(ctx.who(), ctx.param("id"));
       if (!doc) return api_error(ctx, doc.error());
       std::string name = file_name(*doc, ext);
       return table_file(io::questionnaire_table(*doc), ext, "fragor-" + name.substr(0, name.rfind('.')));
     }).summary = "The specification as a tender platform's questionnaire import (" + std::string(ext == "xlsx" ? "XLSX" : "CSV") +
                  "): per question its group, title, text, knock-out, answer type (yes/no, text, document, value) and weight";
  for (const auto& f : formats) {
    std::string ext = f.ext, type = f.type;
    router_.add("GET", "/api/v1/cases/{id}/specification." + ext, [this, ext, type](RequestContext& ctx) {
       if (ext == "json") {
         auto spec = specifications_.get(ctx.who(), ctx.param("id"));
         if (!spec) return api_error(ctx, spec.error());
         auto c = cases_.summary(ctx.who(), ctx.param("id"));
         if (!c) return api_error(ctx, c.error());
         json out = *spec;
         out["case"] = {{"id", (*c)["id"]}, {"registry_number", (*c)["registry_number"]}, {"title", (*c)["title"]}};
         return Response::attachment(out.dump(2), type, "kravspecifikation-" + (*c)["registry_number"].get<std::string>() + ".json");
       }
       auto doc = specifications_.document(ctx.who(), ctx.param("id"));
       if (!doc) return api_error(ctx, doc.error());
       if (ext == "docx") return Response::attachment(io::write_docx(*doc), type, file_name(*doc, ext));
       if (ext == "xlsx") return Response::attachment(io::write_answer_matrix_xlsx(*doc), type, file_name(*doc, ext));
       if (ext == "csv") return Response::attachment(io::write_csv(*doc), type, file_name(*doc, ext));
       if (ext == "md") return Response::attachment(io::write_markdown(*doc), type, file_name(*doc, ext));
       auto pdf = io::convert_with_libreoffice(io::write_docx(*doc), "docx", "pdf");
       if (!pdf) return api_error(ctx, pdf.error());
       return Response::attachment(std::move(*pdf), type, file_name(*doc, ext));
     }).summary = f.summary;
  }
}

}  // namespace kk::web
