// The administrator's page for the organisation's OpenID provider: the same settings as
// PUT /api/v1/organisation/sign-on, with the role mapping written one line per claim value
// ("Kravkedja.Upphandlare = procurer, reader").
#include "web/forms.hpp"
#include "web/web_app.hpp"

namespace kk::web {
using domain::Error;
using nlohmann::json;

namespace {
std::string trimmed(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// "value = role, role" per line; a line without "=" is named by its number.
domain::Result<json> role_map_of(const std::string& text) {
  json map = json::object();
  std::size_t start = 0;
  for (int line = 1; start <= text.size(); ++line) {
    auto end = text.find('\n', start);
    std::string row = trimmed(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    start = end == std::string::npos ? text.size() + 1 : end + 1;
    if (row.empty()) continue;
    auto eq = row.find('=');
    if (eq == std::string::npos || trimmed(row.substr(0, eq)).empty())
      return Error::unprocessable("error.role_map_line", "role_map").with("line", std::to_string(line));
    json roles = json::array();
    std::string rest = row.substr(eq + 1);
    for (std::size_t p = 0; p <= rest.size();) {
      auto comma = rest.find(',', p);
      std::string role = trimmed(rest.substr(p, comma == std::string::npos ? std::string::npos : comma - p));
      if (!role.empty()) roles.push_back(role);
      p = comma == std::string::npos ? rest.size() + 1 : comma + 1;
    }
    map[trimmed(row.substr(0, eq))] = roles;
  }
  return map;
}

std::string role_map_text(const json& map) {
  std::string out;
  for (const auto& [value, roles] : map.items()) {
    out += value + " =";
    std::string sep = " ";
    for (const auto& r : roles) out += sep + r.get<std::string>(), sep = ", ";
    out += "\n";
  }
  return out;
}
}  // namespace

void WebApp::register_sign_on_pages() {
  auto& r = router_;
  auto draw = [this](RequestContext& ctx, json values, const json& errors, bool saved, int status) {
    if (values.contains("role_map") && values["role_map"].is_object()) values["role_map"] = role_map_text(values["role_map"]);
    json roles = json::array();
    for (auto role : enum_names(domain::Role{}))
      roles.push_back({{"key", std::string(role)}, {"label", enum_label(*this, ctx, "role", role)}});
    return page(ctx, "admin_sign_on",
                {{"nav", "admin"}, {"title", message(ctx, "ui.sign_on.title")}, {"values", values},
                 {"redirect_uri", base_url(ctx.req) + "/login/sso-callback"}, {"roles", roles},
                 {"errors", errors["fields"]}, {"error_summary", errors.value("summary", json())}, {"saved", saved}},
                status);
  };
  r.add("GET", "/admin/sign-on", [this, draw](RequestContext& ctx) {
    auto settings = sign_on_.settings(ctx.who());
    if (!settings) return error_page(ctx, settings.error());
    return draw(ctx, *settings, json{{"fields", json::object()}}, ctx.req.query_param("saved").has_value(), 200);
  });
  r.add("POST", "/admin/sign-on", [this, draw](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, {{"name", FieldKind::text}, {"issuer_url", FieldKind::text},
                                    {"client_id", FieldKind::text}, {"scopes", FieldKind::text},
                                    {"role_claim", FieldKind::text}, {"enabled", FieldKind::checkbox},
                                    {"version", FieldKind::integer}});
    // An empty secret keeps the one saved.
    if (!form.get("client_secret").empty()) body["client_secret"] = form.get("client_secret");
    json echo = body;
    echo.erase("client_secret");
    echo["role_map"] = form.get("role_map");
    auto map = role_map_of(form.get("role_map"));
    domain::Result<json> saved = map ? sign_on_.save_settings(ctx.who(), [&] {
      json b = body;
      b["role_map"] = *map;
      return b;
    }())
                                     : domain::Result<json>(map.error());
    if (!saved) {
      if (saved.error().kind == domain::ErrorKind::conflict && saved.error().params.count("current"))
        echo = json::parse(saved.error().params.at("current"));
      return draw(ctx, echo, form_errors(*this, ctx, saved.error()), false, http_status(saved.error().kind));
    }
    return Response::redirect("/admin/sign-on?saved=1");
  });
}

}  // namespace kk::web
