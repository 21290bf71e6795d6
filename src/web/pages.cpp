// HTML pages that work without JavaScript: sign-in, and the registration of the page areas.
#include "web/web_app.hpp"
#include "web/language.hpp"
#include "io/embedded.hpp"

namespace kk::web {
using nlohmann::json;
using namespace kk::domain;

void WebApp::register_page_routes() {
  auto& r = router_;
  r.add("GET", "/static/{file}", [this](RequestContext& ctx) {
     const std::string& name = ctx.param("file");
     auto own = own_static_files_.find(name);
     auto f = own != own_static_files_.end() ? std::optional<std::string_view>(own->second)
                                             : io::embedded_file("static/" + name);
     if (!f) return Response::text(404, "Not found");
     std::string type = "application/octet-stream";
     if (name.ends_with(".css")) type = "text/css; charset=utf-8";
     else if (name.ends_with(".js")) type = "text/javascript; charset=utf-8";
     else if (name.ends_with(".svg")) type = "image/svg+xml";
     else if (name.ends_with(".png")) type = "image/png";
     else if (name.ends_with(".txt")) type = "text/plain; charset=utf-8";
     return Response::text(200, std::string(*f), type);
   }, Access::public_route);

  r.add("GET", "/login", [this](RequestContext& ctx) {
     return login_page(ctx, ctx.req.query_param("next").value_or("/"));
   }, Access::public_route);

  r.add("POST", "/login", [this](RequestContext& ctx) {
     auto form = parse_urlencoded(ctx.req.body);
     auto get = [&](const char* k) { auto it = form.find(k); return it == form.end() ? std::string() : it->second; };
     std::string next = local_path(get("next"));
     auto signed_in = accounts_.sign_in(get("username"), get("password"), client_address(ctx.req));
     if (!signed_in)
       return login_page(ctx, next, error_message(ctx, signed_in.error()), http_status(signed_in.error().kind),
                         get("username"));
     // With a second factor, the code comes next.
     if (!signed_in->challenge.empty()) return code_page(ctx, signed_in->challenge, next);
     ctx.cookies_to_set.push_back(session_cookie(signed_in->session_token));
     return Response::redirect(next);
   }, Access::public_route);

  r.add("POST", "/logout", [this](RequestContext& ctx) {
     if (auto token = ctx.req.cookie("kk_session")) accounts_.sign_out(*token);
     ctx.cookies_to_set.push_back("kk_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
     return Response::redirect("/login");
   });

  register_asset_pages();
  register_case_pages();
  register_admin_pages();
  register_specification_pages();
  register_risk_pages();
  register_assessment_pages();
  register_tender_pages();
  register_contract_pages();
  register_help_pages();
  register_my_work_pages();
}

}  // namespace kk::web
