// Catalogue management over the API (GET/POST /api/v1/catalogs) and on the page
// /admin/catalogues: list what the organisation has, import YAML, see why a file was refused.
#include "web/forms.hpp"
#include "io/catalogue_table.hpp"
#include "io/oscal_catalog.hpp"

namespace kk::web {
using nlohmann::json;
using namespace kk::domain;

namespace {
// A version in a path: a whole number of at most six digits.
std::optional<int> version_param(const RequestContext& ctx) {
  const std::string& text = ctx.param("version");
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoi(text);
}
}  // namespace

void WebApp::register_catalogue_routes() {
  auto& r = router_;
  r.add("GET", "/api/v1/catalogs", [this](RequestContext& ctx) { return api_json(ctx, catalogues_.list(ctx.who())); })
      .summary = "Catalogues and rule sets of the organisation (built-in and imported, every version)";

  auto& import = r.add("POST", "/api/v1/catalogs", [this](RequestContext& ctx) {
    // The body is the file itself (YAML, an OSCAL catalog in JSON, a CISO Assistant framework, XLSX
    // or CSV); ?name= names it in errors.
    std::string name = ctx.req.query_param("name").value_or("upload.yaml");
    // A CSV body is told by its name; a client may say it by its type instead.
    if (ctx.req.header("content-type").rfind("text/csv", 0) == 0 && !io::looks_like_spreadsheet("", name)) name += ".csv";
    return api_json(ctx, catalogues_.import(ctx.who(), ctx.req.body, name), 201);
  });
  import.summary = "Import a catalogue or rule set (YAML body), an OSCAL catalog (JSON body), a CISO Assistant framework, "
                   "or a catalogue as XLSX or CSV (?name=….csv or Content-Type text/csv), docs/catalogue-format.md; "
                   "nothing is imported on an error";
  import.success_status = 201;
  import.upload_types = {"application/yaml", "application/json", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream"};
  import.query = {{"name", "the file's name, for messages; *.csv marks a CSV file"}};

  r.add("GET", "/api/v1/catalogs/{kind}/{content_id}/versions/{version}", [this](RequestContext& ctx) {
     auto version = version_param(ctx);
     if (!version) return api_error(ctx, Error::not_found());
     auto src = catalogues_.source(ctx.who(), ctx.param("kind"), ctx.param("content_id"), *version);
     if (!src) return api_error(ctx, src.error());
     bool oscal = io::looks_like_oscal_catalog(src->yaml);
     return Response::text(200, src->yaml, oscal ? "application/json" : "application/yaml; charset=utf-8");
   }).summary = "A stored version of an imported catalogue or rule set as it was imported (YAML, or OSCAL JSON)";

  for (std::string ext : {"xlsx", "csv"})
    r.add("GET", "/api/v1/catalogs/catalogue/{content_id}/versions/{version}/catalogue." + ext,
          [this, ext](RequestContext& ctx) {
            auto version = version_param(ctx);
            if (!version) return api_error(ctx, Error::not_found());
            auto found = catalogues_.catalogue(ctx.who(), ctx.param("content_id"), *version);
            if (!found) return api_error(ctx, found.error());
            return table_file(io::catalogue_table(**found), ext, (*found)->id + "-" + std::to_string(*version));
          })
        .summary = "A catalogue version (built-in, imported or shared) as " +
                   std::string(ext == "xlsx" ? "XLSX" : "CSV (UTF-8 with BOM, semicolons)") +
                   " in the layout the spreadsheet import reads back";

  auto& share = r.add("POST", "/api/v1/catalogs/{kind}/{content_id}/shares", [this](RequestContext& ctx) {
    auto body = body_json(ctx);
    if (!body) return api_error(ctx, body.error());
    return api_json(ctx, catalogues_.share(ctx.who(), ctx.param("kind"), ctx.param("content_id"), *body), 201);
  });
  share.summary = "Share every version of an imported catalogue or rule set (kind: catalogue | rule_set) with another organisation";
  share.request_schema = "ShareInput";
  share.success_status = 201;
  r.add("DELETE", "/api/v1/catalogs/{kind}/{content_id}/shares/{organisation_id}", [this](RequestContext& ctx) {
     return api_json(ctx, catalogues_.unshare(ctx.who(), ctx.param("kind"), ctx.param("content_id"),
                                              ctx.param("organisation_id")));
   }).summary = "Stop sharing a catalogue or rule set with an organisation";

  auto catalogue_page = [this](RequestContext& ctx, const json& echo, const json& errors, const json& imported, int status) {
    auto list = catalogues_.list(ctx.who());
    if (!list) return error_page(ctx, list.error());
    json items = json::array();
    for (auto item : (*list)["items"]) {
      item["kind_label"] = message(ctx, "ui.catalogues.kind_" + item["kind"].get<std::string>());
      item["is_catalogue"] = item["kind"] == "catalogue";
      items.push_back(item);
    }
    return page(ctx, "admin_catalogues",
                {{"nav", "admin"}, {"title", message(ctx, "ui.catalogues.title")}, {"items", items},
                 {"problems", (*list)["rule_set_problems"]}, {"echo", echo}, {"error_summary", errors.value("summary", json())},
                 {"imported", imported}, {"can_import", app::allowed(ctx.who(), app::Permission::manage_catalogues)}},
                status);
  };
  r.add("GET", "/admin/catalogues", [catalogue_page](RequestContext& ctx) {
    return catalogue_page(ctx, json::object(), json::object(), json(), 200);
  });
  r.add("POST", "/admin/catalogues", [this, catalogue_page](RequestContext& ctx) {
    // A chosen file (a multipart form) comes before pasted text; without a file, the text.
    auto parts = parse_multipart(ctx.req);
    Form form = parts.empty() ? Form::parse(ctx.req) : Form{};
    auto field = [&](const char* key) {
      if (parts.empty()) return form.get(key);
      auto it = parts.find(key);
      return it == parts.end() ? std::string() : it->second.bytes;
    };
    std::string pasted = field("yaml"), text = pasted, name = field("name");
    if (auto file = parts.find("file"); file != parts.end() && !file->second.bytes.empty()) {
      text = file->second.bytes;
      // A spreadsheet is told by its file's name (*.csv), so that name is kept.
      if (name.empty() || io::looks_like_spreadsheet(text, file->second.file_name)) name = file->second.file_name;
      pasted.clear();
    }
    if (name.empty()) name = "inklistrad.yaml";
    auto imported = catalogues_.import(ctx.who(), text, name);
    if (!imported) {
      if (imported.error().kind == ErrorKind::forbidden) return error_page(ctx, imported.error());
      // Pasted text is given back to correct; a file is chosen again (a browser cannot refill it).
      json echo{{"yaml", pasted}, {"name", name}};
      if (auto it = imported.error().params.find("problems"); it != imported.error().params.end())
        echo["problems"] = json::parse(it->second, nullptr, false);  // every row the import could not take
      return catalogue_page(ctx, echo, form_errors(*this, ctx, imported.error()),
                            json(), http_status(imported.error().kind));
    }
    return catalogue_page(ctx, json::object(), json::object(), *imported, 201);
  });
}

}  // namespace kk::web
