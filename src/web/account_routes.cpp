// One's own account: the second factor (API and the page "Mitt konto"), and the second step of a
// password sign-in when the account has one.
#include "web/forms.hpp"
#include "web/web_app.hpp"

namespace kk::web {
using nlohmann::json;

void WebApp::register_account_routes() {
  auto& r = router_;
  r.add("GET", "/api/v1/me/second-factor", [this](RequestContext& ctx) {
     return api_json(ctx, accounts_.second_factor(ctx.who()));
   }).summary = "Whether my second factor (TOTP) is on, and while it is being set up, its secret";
  auto& start = r.add("POST", "/api/v1/me/second-factor", [this](RequestContext& ctx) {
    return api_json(ctx, accounts_.start_second_factor(ctx.who()), 201);
  });
  start.summary = "Start setting up a second factor: a new secret and otpauth address for the authenticator app";
  start.success_status = 201;
  auto& confirm = r.add("POST", "/api/v1/me/second-factor/confirmation", with_body([this](RequestContext& ctx, const json& b) {
    return accounts_.confirm_second_factor(ctx.who(), b);
  }));
  confirm.summary = "Switch my second factor on with a first code from the app";
  confirm.request_schema = "CodeInput";
  auto& stop = r.add("DELETE", "/api/v1/me/second-factor", with_body([this](RequestContext& ctx, const json& b) {
    return accounts_.stop_second_factor(ctx.who(), b);
  }));
  stop.summary = "Switch my second factor off, with a current code";
  stop.request_schema = "CodeInput";
  r.add("DELETE", "/api/v1/users/{id}/second-factor", [this](RequestContext& ctx) {
     return api_json(ctx, accounts_.reset_second_factor(ctx.who(), ctx.param("id")));
   }).summary = "Remove a user's second factor, e.g. after a lost phone (admin)";

  // The page.
  auto account_page = [this](RequestContext& ctx, const json& problem, int status) {
    auto state = accounts_.second_factor(ctx.who());
    if (!state) return error_page(ctx, state.error());
    json roles = json::array();
    for (auto role : ctx.who().user.roles) roles.push_back(enum_label(*this, ctx, "role", to_string(role)));
    return page(ctx, "account",
                {{"title", message(ctx, "ui.account.title")}, {"user", app::user_json(ctx.who().user)}, {"roles", roles},
                 {"factor", *state}, {"errors", problem.value("fields", json::object())},
                 {"error_summary", problem.value("summary", json())}},
                status);
  };
  r.add("GET", "/account", [account_page](RequestContext& ctx) { return account_page(ctx, json::object(), 200); });
  auto step = [this, account_page](const std::function<domain::Result<json>(RequestContext&, const json&)>& act) {
    return [this, account_page, act](RequestContext& ctx) {
      Form form = Form::parse(ctx.req);
      json body = json::object();
      if (form.has("code")) body["code"] = form.get("code");
      auto done = act(ctx, body);
      if (!done) return account_page(ctx, form_errors(*this, ctx, done.error()), http_status(done.error().kind));
      return Response::redirect("/account#second-factor");
    };
  };
  r.add("POST", "/account/second-factor", step([this](RequestContext& ctx, const json&) {
    return accounts_.start_second_factor(ctx.who());
  }));
  r.add("POST", "/account/second-factor/confirmation", step([this](RequestContext& ctx, const json& b) {
    return accounts_.confirm_second_factor(ctx.who(), b);
  }));
  r.add("POST", "/account/second-factor/off", step([this](RequestContext& ctx, const json& b) {
    return accounts_.stop_second_factor(ctx.who(), b);
  }));
  r.add("POST", "/admin/users/{id}/second-factor/reset", [this](RequestContext& ctx) {
    auto reset = accounts_.reset_second_factor(ctx.who(), ctx.param("id"));
    if (!reset) return error_page(ctx, reset.error());
    return Response::redirect("/admin/users/" + ctx.param("id"));
  });

  // The second step of signing in.
  r.add("POST", "/login/code", [this](RequestContext& ctx) {
     Form form = Form::parse(ctx.req);
     std::string next = local_path(form.get("next"));
     auto signed_in = accounts_.sign_in_code(form.get("challenge"), form.get("code"), client_address(ctx.req));
     if (!signed_in) {
       if (signed_in.error().key == "error.totp_wrong")
         return code_page(ctx, form.get("challenge"), next, error_message(ctx, signed_in.error()), 401);
       return login_page(ctx, next, error_message(ctx, signed_in.error()), http_status(signed_in.error().kind));
     }
     ctx.cookies_to_set.push_back(session_cookie(signed_in->session_token));
     return Response::redirect(next);
   }, Access::public_route);
}

Response WebApp::code_page(RequestContext& ctx, const std::string& challenge, const std::string& next,
                           const std::string& error, int status) {
  json data = {{"title", message(ctx, "ui.login.code_title")}, {"challenge", challenge}, {"next", next}};
  if (!error.empty()) data["error"] = error;
  return page(ctx, "login_code", data, status);
}

}  // namespace kk::web
