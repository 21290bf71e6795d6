// Single sign-on: the organisation's OpenID provider (administration), the way out to it and
// the way back. The browser leaves with a SameSite=Lax cookie that binds the sign-in to it, and
// comes back to a page that moves on by itself, so the SameSite=Strict session cookie set there
// is sent from then on.
#include "web/web_app.hpp"

namespace kk::web {
using nlohmann::json;

namespace {
constexpr const char* browser_cookie = "kk_sso";
}  // namespace

std::string WebApp::session_cookie(const std::string& token) {
  return "kk_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(app::session_lifetime_seconds);
}

std::string WebApp::base_url(const Request& req) const {
  if (!public_url_.empty()) return public_url_;
  bool https = trust_forwarded_for_ && req.header("x-forwarded-proto") == "https";
  return (https ? "https://" : "http://") + req.header("host");
}

void WebApp::register_sign_on_routes() {
  register_sign_on_pages();
  register_account_routes();
  auto& r = router_;
  r.add("GET", "/api/v1/organisation/sign-on", [this](RequestContext& ctx) {
     auto settings = sign_on_.settings(ctx.who());
     if (settings) (*settings)["redirect_uri"] = base_url(ctx.req) + "/login/sso-callback";
     return api_json(ctx, settings);
   }).summary = "The organisation's OpenID Connect provider (admin); the client secret is never shown";
  auto& save = r.add("PUT", "/api/v1/organisation/sign-on", with_body([this](RequestContext& ctx, const json& body) {
    auto saved = sign_on_.save_settings(ctx.who(), body);
    if (saved) (*saved)["redirect_uri"] = base_url(ctx.req) + "/login/sso-callback";
    return saved;
  }));
  save.summary = "Set the organisation's OpenID Connect provider and how its role claims map to roles (admin)";
  save.request_schema = "SignOnInput";

  r.add("GET", "/login/sso/{provider_id}", [this](RequestContext& ctx) {
     std::string next = local_path(ctx.req.query_param("next").value_or("/"));
     auto started = sign_on_.start(ctx.param("provider_id"), base_url(ctx.req) + "/login/sso-callback", next);
     if (!started) return login_page(ctx, next, error_message(ctx, started.error()), http_status(started.error().kind));
     ctx.cookies_to_set.push_back(std::string(browser_cookie) + "=" + started->browser_secret +
                                  "; Path=/login; HttpOnly; SameSite=Lax; Max-Age=600");
     return Response::redirect(started->redirect_url);
   }, Access::public_route);

  r.add("GET", "/login/sso-callback", [this](RequestContext& ctx) {
     ctx.cookies_to_set.push_back(std::string(browser_cookie) + "=; Path=/login; HttpOnly; SameSite=Lax; Max-Age=0");
     // The provider says why when the person or the provider stopped the sign-in.
     if (auto refused = ctx.req.query_param("error"))
       return login_page(ctx, "/", message(ctx, "error.sso_cancelled", {{"reason", *refused}}), 401);
     std::string next = "/";
     auto signed_in = sign_on_.finish(ctx.req.query_param("state").value_or(""), ctx.req.query_param("code").value_or(""),
                                      ctx.req.cookie(browser_cookie).value_or(""), next);
     if (!signed_in) return login_page(ctx, "/", error_message(ctx, signed_in.error()), http_status(signed_in.error().kind));
     ctx.cookies_to_set.push_back(session_cookie(signed_in->session_token));
     return page(ctx, "sso_done", {{"title", message(ctx, "ui.login.sso_done")}, {"next", local_path(next)}});
   }, Access::public_route);
}

Response WebApp::login_page(RequestContext& ctx, const std::string& next, const std::string& error, int status,
                            const std::string& username) {
  json providers = json::array();
  for (const auto& p : sign_on_.providers()) providers.push_back({{"provider_id", p.provider_id}, {"name", p.name}});
  std::string back = local_path(next);
  json data = {{"title", message(ctx, "ui.login.title")}, {"next", back}, {"next_query", url_encode(back)},
               {"providers", providers},
               {"has_providers", !providers.empty()}, {"username", username}};
  if (!error.empty()) data["error"] = error;
  return page(ctx, "login", data, status);
}

}  // namespace kk::web
