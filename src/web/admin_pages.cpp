// Administration pages (admin role): users, the organisation's settings, the audit log.
#include "web/forms.hpp"

namespace kk::web {
using nlohmann::json;
using namespace kk::domain;

namespace {
json role_checkboxes(const WebApp& app, const RequestContext& ctx, const json& current) {
  json roles = json::array();
  for (auto name : enum_names(Role{})) {
    bool checked = false;
    if (current.is_array())
      for (const auto& r : current) checked = checked || r == name;
    roles.push_back({{"value", std::string(name)}, {"label", enum_label(app, ctx, "role", name)}, {"checked", checked}});
  }
  return roles;
}

std::string shown(const json& v) {
  if (v.is_null()) return "–";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// What an audit entry changed, field by field: only differing fields for an update, every
// field for a creation or removal.
json audit_changes(const json& before, const json& after) {
  json changes = json::array();
  json keys = json::object();
  for (const json* side : {&before, &after})
    if (side->is_object())
      for (const auto& item : side->items()) keys[item.key()] = true;
  for (const auto& item : keys.items()) {
    const std::string& key = item.key();
    if (key == "updated_at" || key == "version") continue;
    json b = before.is_object() ? before.value(key, json()) : json();
    json a = after.is_object() ? after.value(key, json()) : json();
    if (before.is_object() && after.is_object() && a == b) continue;
    changes.push_back({{"field", key}, {"before", before.is_object() ? shown(b) : ""}, {"after", after.is_object() ? shown(a) : ""}});
  }
  return changes;
}

json roles_from(const Form& form) {
  json roles = json::array();
  for (const auto& r : form.all("roles")) roles.push_back(r);
  return roles;
}
}  // namespace

void WebApp::register_admin_pages() {
  auto& r = router_;

  auto users_page = [this](RequestContext& ctx, const json& values, const json& errors, const json& created, int status) {
    auto list = accounts_.list_users(ctx.who(), page_number(ctx, 50));
    if (!list) return error_page(ctx, list.error());
    // A supplier's user has no role; the list says which supplier it answers for.
    std::map<std::string, std::string> supplier_names;
    if (auto suppliers = suppliers_.list(ctx.who(), app::Page{-1, 0}))
      for (const auto& s : (*suppliers)["items"]) supplier_names[s["id"]] = s["name"];
    json items = json::array();
    for (auto u : (*list)["items"]) {
      json labels = json::array();
      for (const auto& role : u["roles"]) labels.push_back(enum_label(*this, ctx, "role", role.get<std::string>()));
      if (u["supplier_id"].is_string())
        labels.push_back(message(ctx, "ui.admin.supplier_user", {{"supplier", supplier_names[u["supplier_id"].get<std::string>()]}}));
      u["role_labels"] = labels;
      items.push_back(u);
    }
    return page(ctx, "admin_users",
                {{"nav", "admin"}, {"title", message(ctx, "ui.admin.users")}, {"items", items}, {"values", values},
                 {"paging", pager(ctx, "/admin/users", (*list)["page"])},
                 {"roles", role_checkboxes(*this, ctx, values.value("roles", json::array()))},
                 {"errors", errors["fields"]}, {"error_summary", errors.value("summary", json())}, {"created", created}},
                status);
  };

  r.add("GET", "/admin/users", [users_page](RequestContext& ctx) {
    return users_page(ctx, json::object(), json{{"fields", json::object()}}, json(), 200);
  });

  r.add("POST", "/admin/users", [this, users_page](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, {{"username", FieldKind::text}, {"display_name", FieldKind::text}, {"email", FieldKind::text}});
    body["roles"] = roles_from(form);
    if (!form.get("password").empty()) body["password"] = form.get("password");
    auto created = accounts_.create_user(ctx.who(), body);
    if (!created) {
      body.erase("password");
      return users_page(ctx, body, form_errors(*this, ctx, created.error()), json(), http_status(created.error().kind));
    }
    return users_page(ctx, json::object(), json{{"fields", json::object()}}, *created, 201);
  });

  auto user_page = [this](RequestContext& ctx, const std::string& id, const json& errors, const json& new_password,
                          int status) {
    auto found = accounts_.get_user(ctx.who(), id);
    if (!found) return error_page(ctx, found.error());
    const json& u = *found;
    return page(ctx, "admin_user",
                {{"nav", "admin"}, {"title", u["display_name"]}, {"user", u},
                 {"roles", role_checkboxes(*this, ctx, u["roles"])}, {"errors", errors["fields"]},
                 {"error_summary", errors.value("summary", json())}, {"new_password", new_password}},
                status);
  };

  r.add("GET", "/admin/users/{id}", [user_page](RequestContext& ctx) {
    return user_page(ctx, ctx.param("id"), json{{"fields", json::object()}}, json(), 200);
  });

  r.add("POST", "/admin/users/{id}", [this, user_page](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, {{"display_name", FieldKind::text}, {"version", FieldKind::integer},
                                    {"active", FieldKind::checkbox}, {"email", FieldKind::text}});
    body["roles"] = roles_from(form);
    auto saved = accounts_.update_user(ctx.who(), ctx.param("id"), body);
    if (!saved) return user_page(ctx, ctx.param("id"), form_errors(*this, ctx, saved.error()), json(),
                                 http_status(saved.error().kind));
    return Response::redirect("/admin/users/" + ctx.param("id"));
  });

  r.add("POST", "/admin/users/{id}/calendar-feed/revoke", [this](RequestContext& ctx) {
    auto revoked = reminders_.revoke_feed(ctx.who(), ctx.param("id"));
    if (!revoked) return error_page(ctx, revoked.error());
    return Response::redirect("/admin/users/" + ctx.param("id"));
  });

  r.add("POST", "/admin/users/{id}/reset-password", [this, user_page](RequestContext& ctx) {
    auto reset = accounts_.reset_password(ctx.who(), ctx.param("id"));
    if (!reset) return error_page(ctx, reset.error());
    return user_page(ctx, ctx.param("id"), json{{"fields", json::object()}}, (*reset)["new_password"], 200);
  });

  auto org_page = [this](RequestContext& ctx, const json& values, const json& errors, bool saved, int status) {
    if (!app::allowed(ctx.who(), app::Permission::administer)) return error_page(ctx, Error::forbidden());
    json models = json::array();
    for (const auto& [id, m] : content_.models)
      models.push_back({{"value", id}, {"label", m.name.in(ctx.lang)}, {"selected", values.value("classification_model", "") == id}});
    json catalogues = json::array();
    if (auto list = catalogues_.list(ctx.who()))
      for (const auto& item : (*list)["items"])
        if (item["kind"] == "catalogue") {
          bool seen = false;
          for (const auto& c : catalogues) seen = seen || c["value"] == item["id"];
          if (!seen)
            catalogues.push_back({{"value", item["id"]}, {"label", item["name"]},
                                  {"selected", values.value("catalogue_id", "") == item["id"]}});
        }
    return page(ctx, "admin_organisation",
                {{"nav", "admin"}, {"title", message(ctx, "ui.admin.organisation")}, {"values", values},
                 {"kinds", enum_options<OrgKind>(*this, ctx, "org_kind", values.value("kind", "municipality"))},
                 {"languages", enum_options<Language>(*this, ctx, "language", values.value("language", "sv"))},
                 {"models", models}, {"catalogues", catalogues}, {"matrices", [&] {
                    json out = json::array();
                    for (const auto& [mid, matrix] : content_.risk_matrices)
                      out.push_back({{"value", mid}, {"label", matrix.name.in(ctx.lang)},
                                     {"selected", values.value("risk_matrix", "") == mid}});
                    return out;
                  }()}, {"errors", errors["fields"]}, {"error_summary", errors.value("summary", json())},
                 {"saved", saved}},
                status);
  };

  r.add("GET", "/admin/organisation", [this, org_page](RequestContext& ctx) {
    auto org = accounts_.organisation(ctx.who());
    if (!org) return error_page(ctx, org.error());
    return org_page(ctx, *org, json{{"fields", json::object()}}, ctx.req.query_param("saved").has_value(), 200);
  });

  r.add("POST", "/admin/organisation", [this, org_page](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req),
                             {{"name", FieldKind::text}, {"org_number", FieldKind::text}, {"kind", FieldKind::text},
                              {"language", FieldKind::text}, {"classification_model", FieldKind::text},
                              {"catalogue_id", FieldKind::text}, {"risk_matrix", FieldKind::text},
                              {"archive_retention_years", FieldKind::integer}, {"version", FieldKind::integer}});
    auto saved = accounts_.update_organisation(ctx.who(), body);
    if (!saved) {
      json values = body;
      if (saved.error().kind == ErrorKind::conflict && saved.error().params.count("current"))
        values = json::parse(saved.error().params.at("current"));
      return org_page(ctx, values, form_errors(*this, ctx, saved.error()), false, http_status(saved.error().kind));
    }
    return Response::redirect("/admin/organisation?saved=1");
  });

  r.add("GET", "/admin/audit", [this](RequestContext& ctx) {
    std::int64_t before = INT64_MAX;
    if (auto b = ctx.req.query_param("before")) {
      try {
        before = std::stoll(*b);
      } catch (const std::exception&) {
      }
    }
    auto log = accounts_.audit(ctx.who(), before, 100);
    if (!log) return error_page(ctx, log.error());
    json items = json::array();
    std::int64_t oldest = 0;
    for (auto e : (*log)["items"]) {
      e["changes"] = audit_changes(e["before"], e["after"]);
      oldest = e["seq"].get<std::int64_t>();
      items.push_back(e);
    }
    json data = {{"nav", "admin"}, {"title", message(ctx, "ui.admin.audit")}, {"items", items}};
    if (items.size() == 100) data["older"] = "/admin/audit?before=" + std::to_string(oldest);
    return page(ctx, "admin_audit", data);
  });
}

}  // namespace kk::web
