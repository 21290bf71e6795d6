// HTML pages: mustache templates (escaped by default) embedded at build time, rendered
// inside templates/layout.html.
#include <kainjow/mustache.hpp>

#include <memory>
#include <unordered_map>

#include "domain/deadline.hpp"
#include "io/embedded.hpp"
#include "web/web_app.hpp"

namespace kk::web {
using nlohmann::json;
namespace mst = kainjow::mustache;

namespace {
// Stored times are ISO 8601 UTC (2026-11-22T07:05:15Z); pages show them to the minute in
// Swedish time, as the users live by it.
bool is_utc_timestamp(const std::string& s) {
  return s.size() == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == 'Z';
}

// kainjow's set() and push_back() take a const reference and copy the whole subtree, so a leaf
// of a page's data was copied once per level above it (a quarter of the risk register page's
// time). Members are moved in instead: through operator[] for an object, and for a list through
// the vector the data owns (list_value() is const only in its declaration; the vector is the
// data's own, allocated by it).
mst::data to_data(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      // Mustache has no "list is non-empty" test: every list `x` also gets `x_any`.
      mst::data d{mst::data::type::object};
      for (const auto& item : j.items()) {
        d[item.key()] = to_data(item.value());
        if (item.value().is_array()) d[item.key() + "_any"] = mst::data(!item.value().empty());
      }
      return d;
    }
    case json::value_t::array: {
      mst::data d{mst::data::type::list};
      auto& items = const_cast<mst::list&>(d.list_value());
      items.reserve(j.size());
      for (const auto& item : j) items.push_back(to_data(item));
      return d;
    }
    case json::value_t::boolean:
      return mst::data(j.get<bool>());
    case json::value_t::null:
      return mst::data(false);
    case json::value_t::string:
      // An empty text is "not given": false in sections, nothing when printed.
      if (j.get_ref<const std::string&>().empty()) return mst::data(false);
      if (is_utc_timestamp(j.get_ref<const std::string&>())) {
        return mst::data(domain::stockholm_time(j.get_ref<const std::string&>()));
      }
      return mst::data(j.get<std::string>());
    default:
      return mst::data(j.dump());
  }
}

// A partial ({{> NAME}}, the file templates/_NAME.html) is written into the template's text
// before parsing: kainjow parses a partial anew each time it meets one, once per row in a list.
std::string with_partials(std::string_view text, int depth = 0) {
  if (depth > 8) throw std::runtime_error("partials nested too deep");
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  for (std::size_t open; (open = text.find("{{>", at)) != std::string_view::npos;) {
    std::size_t close = text.find("}}", open);
    if (close == std::string_view::npos) break;
    std::string_view name = text.substr(open + 3, close - open - 3);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    auto partial = io::embedded_file("templates/_" + std::string(name) + ".html");
    if (!partial) throw std::runtime_error("missing partial " + std::string(name));
    out.append(text.substr(at, open - at)).append(with_partials(*partial, depth + 1));
    at = close + 2;
  }
  return out.append(text.substr(at));
}

// Parsed once per thread and kept: parsing took more time than rendering. Rendering does not
// change a parsed template, but the library gives no const render, so each thread has its own.
mst::mustache& parsed_template(const std::string& name) {
  thread_local std::unordered_map<std::string, std::unique_ptr<mst::mustache>> parsed;
  auto& slot = parsed[name];
  if (!slot) {
    auto text = io::embedded_file("templates/" + name + ".html");
    if (!text) throw std::runtime_error("missing template " + name);
    auto tmpl = std::make_unique<mst::mustache>(with_partials(*text));
    if (!tmpl->is_valid()) throw std::runtime_error("template " + name + ": " + tmpl->error_message());
    slot = std::move(tmpl);
  }
  return *slot;
}

std::string render_template(const std::string& name, mst::context<std::string>& context) {
  return parsed_template(name).render(context);
}
}  // namespace

struct WebApp::PageBase {
  mst::data data{mst::data::type::object};
};

std::shared_ptr<const WebApp::PageBase> WebApp::make_page_base(const json& texts) {
  auto base = std::make_shared<PageBase>();
  base->data.set("t", to_data(texts));
  return base;
}

Response WebApp::page(RequestContext& ctx, const std::string& name, json data, int status) const {
  data["lang"] = to_string(ctx.lang);
  data["lang_sv"] = ctx.lang == domain::Language::sv;
  data["csrf"] = ctx.csrf_token;
  data["path"] = ctx.req.path;
  if (ctx.actor) {
    const auto& u = ctx.actor->user;
    data["me"] = {{"display_name", u.display_name}, {"id", u.id}, {"is_admin", u.has(domain::Role::admin)},
                  {"is_supplier", u.is_supplier()}};
  }
  data["nav_" + (data.contains("nav") ? data["nav"].get<std::string>() : std::string("none"))] = true;
  mst::data d = to_data(data);
  // The page's data over the language's catalogue and partials, which are shared, not copied.
  const PageBase& base = ctx.lang == domain::Language::en ? *page_base_en_ : *page_base_sv_;
  mst::context<std::string> context(&base.data);
  context.push(&d);
  d.set("content", render_template(name, context));
  return Response::html(render_template("layout", context), status);
}

Response WebApp::form_outcome(RequestContext& ctx, const std::string& page_path, const std::string& anchor, json echo,
                              const domain::Result<json>& result, const PageDrawer& redraw) const {
  if (result) return Response::redirect(page_path + "#" + anchor);
  const domain::Error& e = result.error();
  if (e.kind == domain::ErrorKind::not_found) return error_page(ctx, e);
  echo["message"] = error_message(ctx, e);
  echo["anchor"] = anchor;
  return redraw(ctx, ctx.param("id"), echo, http_status(e.kind));
}

Response WebApp::error_page(RequestContext& ctx, const domain::Error& error) const {
  return page(ctx, "error", {{"title", error_message(ctx, error)}, {"message", error_message(ctx, error)}},
              http_status(error.kind));
}

}  // namespace kk::web
