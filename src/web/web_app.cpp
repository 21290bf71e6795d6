#include "web/web_app.hpp"

#include <spdlog/spdlog.h>

#include <charconv>

#include "web/language.hpp"

namespace kk::web {
using nlohmann::json;
using namespace kk::domain;

namespace {
json nested_texts(const std::map<std::string, std::string>& flat) {
  json root = json::object();
  for (const auto& [key, value] : flat) {
    json* node = &root;
    std::size_t start = 0;
    for (;;) {
      auto dot = key.find('.', start);
      if (dot == std::string::npos) {
        (*node)[key.substr(start)] = value;
        break;
      }
      node = &(*node)[key.substr(start, dot - start)];
      start = dot + 1;
    }
  }
  return root;
}

bool is_api(const std::string& path) { return path.rfind("/api/", 0) == 0; }
}  // namespace

int http_status(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid: return 400;
    case ErrorKind::unprocessable: return 422;
    case ErrorKind::unauthenticated: return 401;
    case ErrorKind::forbidden: return 403;
    case ErrorKind::not_found: return 404;
    case ErrorKind::conflict: return 409;
    case ErrorKind::too_many: return 429;
    case ErrorKind::unavailable: return 503;
  }
  return 500;
}

WebApp::WebApp(app::Store& store, const app::Content& content)
    : store_(store),
      content_(content),
      registry_(content),
      accounts_(store, content, registry_),
      assets_(store, content, registry_),
      cases_(store, content, registry_),
      specifications_(store, content, registry_),
      catalogues_(store, content, registry_),
      risks_(store, content, registry_),
      forms_(store, content, registry_),
      registers_(store, content, registry_),
      suppliers_(store, content, registry_),
      tenders_(store, content, registry_, specifications_),
      contracts_(store, content, registry_, specifications_),
      life_(store, content, registry_),
      reminders_(store, content, registry_),
      work_(store, content, registry_, cases_, tenders_),
      archives_(store, content, registry_, {cases_, specifications_, risks_, tenders_, contracts_, life_}),
      sign_on_(store, content, registry_) {
  cases_.use_tenders(tenders_);
  json texts_sv = nested_texts(content.messages.all(Language::sv));
  // English falls back to Swedish for any key it lacks.
  json texts_en = texts_sv;
  texts_en.merge_patch(nested_texts(content.messages.all(Language::en)));
  page_base_sv_ = make_page_base(texts_sv);
  page_base_en_ = make_page_base(texts_en);
  register_api_routes();
  register_page_routes();
  openapi_json_ = openapi_document(router_).dump(2);
}

Route& WebApp::add_route(std::string method, std::string pattern, RouteHandler handler) {
  Route& route = router_.add(std::move(method), std::move(pattern), std::move(handler));
  openapi_json_ = openapi_document(router_).dump(2);
  return route;
}

std::string WebApp::message(const RequestContext& ctx, const std::string& key,
                            const std::map<std::string, std::string>& params) const {
  return content_.messages.text(ctx.lang, key, params);
}

std::string WebApp::error_message(const RequestContext& ctx, const Error& error) const {
  return content_.messages.error_text(ctx.lang, error);
}

Response WebApp::api_error(const RequestContext& ctx, const Error& error) const {
  json body = {{"code", error.key}, {"field", error.field}, {"message", error_message(ctx, error)}};
  if (auto it = error.params.find("current"); it != error.params.end())
    body["current"] = json::parse(it->second, nullptr, false);
  if (auto it = error.params.find("problems"); it != error.params.end())
    body["problems"] = json::parse(it->second, nullptr, false);  // one per row of an import
  return Response::json(json{{"error", body}}.dump(), http_status(error.kind));
}

Response WebApp::api_json(const RequestContext& ctx, const Result<json>& result, int status) const {
  if (!result) return api_error(ctx, result.error());
  return Response::json(result->dump(), status);
}

Response WebApp::table_file(const io::Table& table, const std::string& ext, const std::string& stem) {
  bool xlsx = ext == "xlsx";
  return Response::attachment(xlsx ? io::write_table_xlsx(table) : io::write_table_csv(table),
                              xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                   : "text/csv; charset=utf-8",
                              stem + "." + ext);
}

Result<json> WebApp::body_json(const RequestContext& ctx) const {
  // A DELETE without a body is told what it lacks by the use case, after the permission check.
  if (ctx.req.body.empty()) {
    if (ctx.req.method == "DELETE") return json();
    return Error::invalid("error.body_not_object");
  }
  json body = json::parse(ctx.req.body, nullptr, false);
  if (body.is_discarded()) {
    // Say where: nlohmann's exception carries the byte offset.
    std::string detail;
    try {
      json ignored = json::parse(ctx.req.body);
      (void)ignored;
    } catch (const json::parse_error& e) {
      detail = (ctx.lang == Language::en ? "error at byte " : "fel vid tecken ") + std::to_string(e.byte);
    }
    return Error::invalid("error.malformed_json").with("detail", detail);
  }
  if (!body.is_object()) return Error::invalid("error.body_not_object");
  return body;
}

Result<app::Page> WebApp::page_param(const RequestContext& ctx) const {
  app::Page page;
  for (const char* name : {"limit", "offset"}) {
    auto text = ctx.req.query_param(name);
    if (!text) continue;
    long long value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size()) return Error::invalid("error.type_integer", name);
    bool is_limit = std::string(name) == "limit";
    long long min = is_limit ? 1 : 0, max = is_limit ? app::Page::max_limit : 1'000'000'000;
    if (value < min || value > max)
      return Error::unprocessable("error.out_of_range", name).with("min", std::to_string(min)).with("max", std::to_string(max));
    if (is_limit) page.limit = static_cast<int>(value);
    else page.offset = value;
  }
  return page;
}

app::Page WebApp::page_number(const RequestContext& ctx, int per_page, const std::string& param) const {
  long long number = 1;
  if (auto text = ctx.req.query_param(param)) {
    std::from_chars(text->data(), text->data() + text->size(), number);
    number = std::clamp(number, 1LL, 1'000'000LL);
  }
  return {per_page, (number - 1) * per_page};
}

json WebApp::pager(const RequestContext& ctx, const std::string& path, const json& page, const std::string& param) const {
  std::int64_t total = page["total"], limit = page["limit"], offset = page["offset"];
  std::int64_t pages = std::max<std::int64_t>(1, (total + limit - 1) / limit), current = offset / limit + 1;
  if (pages <= 1 && current <= 1) return nullptr;  // past the end: the link back is shown
  std::string base = path + (path.find('?') == std::string::npos ? "?" : "&") + param + "=";
  auto href = [&](std::int64_t n) { return base + std::to_string(n); };
  return {{"text", message(ctx, "ui.pager.text", {{"page", std::to_string(current)}, {"pages", std::to_string(pages)},
                                                  {"total", std::to_string(total)}})},
          {"prev_href", current > 1 ? json(href(std::min(current, pages + 1) - 1)) : json()},
          {"next_href", current < pages ? json(href(current + 1)) : json()}};
}

std::string WebApp::client_address(const Request& req) const {
  std::string forwarded = req.header("x-forwarded-for");
  if (!trust_forwarded_for_ || forwarded.empty()) return req.remote_address;
  std::string last = forwarded.substr(forwarded.rfind(',') == std::string::npos ? 0 : forwarded.rfind(',') + 1);
  while (!last.empty() && last.front() == ' ') last.erase(0, 1);
  while (!last.empty() && last.back() == ' ') last.pop_back();
  return last.empty() ? req.remote_address : last;
}

Response WebApp::handle(Request& req) {
  auto started = std::chrono::steady_clock::now();
  RequestContext ctx{req, {}, std::nullopt, Language::sv, {}, false, {}, std::nullopt, {}};
  ctx.lang = negotiate_language(req);
  Response res = answer(ctx);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.record(req.method, ctx.route, res.status, seconds);
  if (on_answered_) on_answered_({req, ctx.route, res.status, seconds, client_address(req)});
  return res;
}

Response WebApp::answer(RequestContext& ctx) {
  Request& req = ctx.req;
  try {
    Response res = dispatch(ctx);
    // Denied access is a security event (seed 003 condition 25), recorded for a known user.
    if (res.status == 403 && ctx.actor) accounts_.record_denied(*ctx.actor, req.method, req.path);
    for (const auto& c : ctx.cookies_to_set) res.set("Set-Cookie", c);
    if (auto q = req.query_param("lang"); q && parse_enum<Language>(*q))
      res.set("Set-Cookie", "kk_lang=" + *q + "; Path=/; Max-Age=31536000; SameSite=Lax");
    res.set("X-Content-Type-Options", "nosniff");
    // Over TLS (the public address is https, or the proxy says the request came that way), the
    // browser is told to use nothing else for a year.
    if (base_url(req).rfind("https://", 0) == 0) res.set("Strict-Transport-Security", "max-age=31536000");
    res.set("Referrer-Policy", "same-origin");
    if (!is_api(req.path)) {
      res.set("X-Frame-Options", "DENY");
      res.set("Content-Security-Policy",
              "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; "
              "frame-ancestors 'none'");
    }
    res.set("Cache-Control", req.path.rfind("/static/", 0) == 0 ? "public, max-age=3600" : "no-store");
    return res;
  } catch (const app::StoreError& e) {
    if (e.kind == app::StoreError::Kind::unavailable) {
      spdlog::warn("database unavailable: {}", e.what());
      Error err{ErrorKind::unavailable, "error.database_unavailable", {}, {}};
      return is_api(req.path) ? api_error(ctx, err) : Response::text(503, error_message(ctx, err));
    }
    if (e.kind == app::StoreError::Kind::unique_violation) {
      Error err = Error::conflict("error.stale_version");
      return is_api(req.path) ? api_error(ctx, err) : Response::text(409, error_message(ctx, err));
    }
    spdlog::error("database error on {} {}: {}", req.method, req.path, e.what());
  } catch (const std::exception& e) {
    spdlog::error("error on {} {}: {}", req.method, req.path, e.what());
  }
  Error err{ErrorKind::unavailable, "error.internal", {}, {}};
  Response r = is_api(req.path) ? api_error(ctx, err) : Response::text(500, error_message(ctx, err));
  r.status = 500;
  return r;
}

namespace {
bool supplier_may_reach(const std::string& path) {
  for (const char* prefix : {"/tenders", "/api/v1/tenders", "/contracts", "/api/v1/contracts", "/api/v1/me", "/logout"})
    if (path.rfind(prefix, 0) == 0) return true;
  return path == "/";
}
}  // namespace

Response WebApp::dispatch(RequestContext& ctx) {
  Request& req = ctx.req;
  auto match = router_.match(req.method, req.path);
  if (!match.route) {
    Error err = Error::not_found();
    if (match.path_known) {
      Response r = is_api(req.path) ? api_error(ctx, err) : Response::text(405, "Method not allowed");
      r.status = 405;
      return r;
    }
    if (is_api(req.path)) return api_error(ctx, err);
    return Response::text(404, error_message(ctx, err));
  }
  ctx.params = match.params;
  ctx.route = match.route->pattern;
  if (match.route->ignores_identity) return match.route->handler(ctx);

  // Who is asking: a bearer token (API clients) or a session cookie (browsers).
  std::string auth = req.header("authorization");
  if (auth.rfind("Bearer ", 0) == 0) {
    if (auto user = accounts_.bearer(auth.substr(7))) ctx.actor = app::Actor{*user, ctx.lang, false};
  } else if (auto token = req.cookie("kk_session")) {
    if (auto session = accounts_.session(*token)) {
      ctx.actor = app::Actor{session->user, ctx.lang, false};
      ctx.csrf_token = session->csrf_token;
      ctx.via_session = true;
    }
  }

  if (match.route->access == Access::signed_in && !ctx.actor) {
    if (is_api(req.path)) return api_error(ctx, Error{ErrorKind::unauthenticated, "error.unauthenticated", {}, {}});
    return Response::redirect("/login?next=" + url_encode(req.target));
  }

  // A supplier's user reaches its tenders and its own account, nothing of the organisation.
  if (ctx.actor && ctx.actor->user.is_supplier() && match.route->access == Access::signed_in &&
      !supplier_may_reach(req.path)) {
    Error err = Error::forbidden();
    return is_api(req.path) ? api_error(ctx, err) : error_page(ctx, err);
  }

  // Browser writes must carry the session's CSRF token (form field or header).
  if (ctx.via_session && req.method != "GET" && req.method != "HEAD") {
    std::string sent = req.header("x-csrf-token");
    if (sent.empty() && req.header("content-type").rfind("application/x-www-form-urlencoded", 0) == 0) {
      auto form = parse_urlencoded(req.body);
      if (auto it = form.find("_csrf"); it != form.end()) sent = it->second;
    }
    // A form with a file input is sent as multipart/form-data, its token one of the parts.
    if (sent.empty() && req.header("content-type").rfind("multipart/form-data", 0) == 0) {
      const auto& parts = ctx.parts();
      if (auto it = parts.find("_csrf"); it != parts.end()) sent = it->second.bytes;
    }
    if (sent.empty() || sent != ctx.csrf_token) {
      Error err{ErrorKind::forbidden, "error.csrf", {}, {}};
      return is_api(req.path) ? api_error(ctx, err) : error_page(ctx, err);
    }
  }
  return match.route->handler(ctx);
}

}  // namespace kk::web
