// The supplier register's pages: the list with what to look at about each supplier, and one
// supplier with its details, certifications, subcontractors and contacts.
#include "web/tender_pages.hpp"

namespace kk::web::tender_pages {
using nlohmann::json;
using namespace kk::domain;

namespace {
const FormSpec supplier_spec = {{"version", FieldKind::integer}, {"name", FieldKind::text},
                                {"org_number", FieldKind::text}, {"country", FieldKind::text},
                                {"parent_name", FieldKind::text}, {"parent_country", FieldKind::text},
                                {"dpf_listed", FieldKind::checkbox}, {"dpf_checked_on", FieldKind::text},
                                {"note", FieldKind::text}};

// The supplier's lists, each with the fields of its small form.
const std::vector<std::pair<std::string, FormSpec>> supplier_lists = {
    {"certifications", {{"kind", FieldKind::text}, {"name", FieldKind::text}, {"issuer", FieldKind::text},
                        {"valid_from", FieldKind::text}, {"valid_until", FieldKind::text}, {"scope", FieldKind::text}}},
    {"subcontractors", {{"name", FieldKind::text}, {"country", FieldKind::text}, {"information", FieldKind::text},
                        {"service", FieldKind::text}}},
    {"contacts", {{"name", FieldKind::text}, {"role", FieldKind::text}, {"email", FieldKind::text}, {"phone", FieldKind::text}}}};

// "E-arkiv, Support" -> ["E-arkiv", "Support"]: how a person types a short list in one field.
json comma_list(const std::string& text) {
  json out = json::array();
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = trimmed(text.substr(start, comma - start));
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}
}  // namespace

void register_supplier_pages(Router& r, WebApp& app, Services s) {
  auto list_page = [&app, s](RequestContext& ctx, const json& problem, int status) {
    auto list = s.suppliers.list(ctx.who(), app.page_number(ctx, 50));
    if (!list) return app.error_page(ctx, list.error());
    json items = json::array();
    for (auto item : (*list)["items"]) {
      int serious = 0;
      for (const auto& f : item["findings"]) serious += f["serious"].get<bool>() ? 1 : 0;
      item["finding_count"] = item["findings"].size();
      item["serious_count"] = serious;
      item["has_serious"] = serious > 0;
      items.push_back(item);
    }
    return app.page(ctx, "suppliers",
                    {{"nav", "suppliers"}, {"title", app.message(ctx, "ui.suppliers.title")}, {"items", items},
                     {"paging", app.pager(ctx, "/suppliers", (*list)["page"])},
                     {"can_edit", app::allowed(ctx.who(), app::Permission::edit_suppliers)}, {"problem", problem}},
                    status);
  };
  r.add("GET", "/suppliers", [list_page](RequestContext& ctx) { return list_page(ctx, json::object(), 200); });
  r.add("POST", "/suppliers", [&app, s, list_page](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"name", FieldKind::text}, {"org_number", FieldKind::text},
                                                    {"country", FieldKind::text}});
    auto created = s.suppliers.create(ctx.who(), body);
    if (created) return Response::redirect("/suppliers/" + (*created)["id"].get<std::string>());
    if (created.error().kind == ErrorKind::forbidden) return app.error_page(ctx, created.error());
    json problem = refused(app, ctx, "add", body, created);
    problem["message"] = app.error_message(ctx, created.error());
    problem["anchor"] = "add";
    return list_page(ctx, problem, http_status(created.error().kind));
  });

  // One supplier: its details with the edit form, and each list with its add and remove forms.
  // `problem` is the refused form: its values, its name (main or a list) and the message.
  auto supplier_page = [&app, s](RequestContext& ctx, const std::string& id, const json& problem, int status) {
    auto got = s.suppliers.get(ctx.who(), id);
    if (!got) return app.error_page(ctx, got.error());
    json sup = *got;
    for (auto& c : sup["certifications"]) {
      c["kind_label"] = enum_label(app, ctx, "certification_kind", c["kind"].get<std::string>());
      std::string services;
      for (const auto& name : c["services"]) services += (services.empty() ? "" : ", ") + name.get<std::string>();
      c["services_text"] = services;
    }
    json forms = {{"main", sup}, {"certifications", json::object()}, {"subcontractors", json::object()},
                  {"contacts", json::object()}, {"remove", json::object()}};
    if (problem.contains("form")) forms[problem["form"].get<std::string>()].update(problem);
    bool can_edit = app::allowed(ctx.who(), app::Permission::edit_suppliers);
    return app.page(ctx, "supplier",
                    {{"nav", "suppliers"}, {"title", sup["name"]}, {"supplier", sup}, {"forms", forms},
                     {"kind_options", enum_options<CertificationKind>(
                                          app, ctx, "certification_kind", forms["certifications"].value("kind", "iso27001"))},
                     {"can_edit", can_edit}, {"problem", problem}},
                    status);
  };
  r.add("GET", "/suppliers/{id}", [supplier_page](RequestContext& ctx) {
    return supplier_page(ctx, ctx.param("id"), json::object(), 200);
  });
  auto done = [&app, supplier_page](RequestContext& ctx, const std::string& form, const json& echo, const Result<json>& result) {
    return app.form_outcome(ctx, "/suppliers/" + ctx.param("id"), form, refused(app, ctx, form, echo, result), result,
                            supplier_page);
  };

  r.add("POST", "/suppliers/{id}", [s, done](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), supplier_spec);
    return done(ctx, "main", body, s.suppliers.update(ctx.who(), ctx.param("id"), body));
  });
  r.add("POST", "/suppliers/{id}/delete", [&app, s, done](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"version", FieldKind::integer}});
    auto removed = s.suppliers.remove(ctx.who(), ctx.param("id"), body);
    if (removed) return Response::redirect("/suppliers");
    return done(ctx, "remove", json::object(), removed);
  });

  // The lists are replaced wholesale by an update: read the supplier, change its list, and
  // send it back with the version read, so a change made meanwhile is refused, not lost.
  for (const auto& [list, spec] : supplier_lists) {
    r.add("POST", "/suppliers/{id}/" + list, [s, done, list = list, spec = spec](RequestContext& ctx) {
      Form form = Form::parse(ctx.req);
      json item = form_to_json(form, spec);
      if (list == "certifications") item["services"] = comma_list(form.get("services"));
      auto got = s.suppliers.get(ctx.who(), ctx.param("id"));
      if (!got) return done(ctx, list, item, got);
      json items = (*got)[list];
      items.push_back(item);
      json echo = item;
      if (list == "certifications") echo["services"] = form.get("services");
      return done(ctx, list, echo,
                  s.suppliers.update(ctx.who(), ctx.param("id"), {{"version", (*got)["version"]}, {list, items}}));
    });
    r.add("POST", "/suppliers/{id}/" + list + "/{item_id}/delete", [s, done, list = list](RequestContext& ctx) {
      auto got = s.suppliers.get(ctx.who(), ctx.param("id"));
      if (!got) return done(ctx, list, json::object(), got);
      json kept = json::array();
      for (const auto& item : (*got)[list])
        if (item["id"] != ctx.param("item_id")) kept.push_back(item);
      return done(ctx, list, json::object(),
                  s.suppliers.update(ctx.who(), ctx.param("id"), {{"version", (*got)["version"]}, {list, kept}}));
    });
  }
}

}  // namespace kk::web::tender_pages
