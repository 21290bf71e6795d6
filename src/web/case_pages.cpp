// Pages of the procurement case: list, the case form, and the case page with its progress,
// classification, gates and decisions, activities, team and linked assets.
#include "web/forms.hpp"

namespace kk::web {
using nlohmann::json;
using namespace kk::domain;

namespace {

const FormSpec case_form_spec = {
    {"registry_number", FieldKind::text},        {"title", FieldKind::text},
    {"kind", FieldKind::text},                   {"need_statement", FieldKind::text},
    {"alternatives", FieldKind::text},           {"object_type", FieldKind::text},
    {"delivery_model", FieldKind::text},         {"law", FieldKind::text},
    {"procedure", FieldKind::optional_enum},     {"estimated_value_sek", FieldKind::integer},
    {"tender_deadline", FieldKind::optional_enum}, {"operator", FieldKind::text},
    {"support", FieldKind::text},                {"hosting_location", FieldKind::text},
    {"supplier_remote_access", FieldKind::checkbox}, {"supplier_data_copies", FieldKind::checkbox},
    {"information_location", FieldKind::text},   {"software_location", FieldKind::text},
    {"hardware_location", FieldKind::text},      {"delivery_manager_id", FieldKind::optional_enum},
    {"can_receive_incidents", FieldKind::tri_state}, {"can_run_followups", FieldKind::tri_state},
    {"version", FieldKind::integer}};

json tri_options(const WebApp& app, const RequestContext& ctx, const json& current) {
  return json::array({{{"value", ""}, {"label", app.message(ctx, "ui.unknown")}, {"selected", current.is_null()}},
                      {{"value", "true"}, {"label", app.message(ctx, "ui.yes")}, {"selected", current == true}},
                      {{"value", "false"}, {"label", app.message(ctx, "ui.no")}, {"selected", current == false}}});
}

std::string text_of(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

}  // namespace

void WebApp::register_case_pages() {
  auto& r = router_;

  r.add("GET", "/cases", [this](RequestContext& ctx) {
    auto list = cases_.list(ctx.who(), page_number(ctx, 50));
    if (!list) return error_page(ctx, list.error());
    json items = json::array();
    for (auto c : (*list)["items"]) {
      c["status_label"] = enum_label(*this, ctx, "case_status", c["status"].get<std::string>());
      c["next_gate_label"] = gate_label(*this, ctx, c["next_gate"]);
      items.push_back(c);
    }
    return page(ctx, "cases", {{"nav", "cases"}, {"title", message(ctx, "ui.cases.title")}, {"items", items},
                               {"paging", pager(ctx, "/cases", (*list)["page"])},
                               {"can_edit", app::allowed(ctx.who(), app::Permission::edit_cases)}});
  });

  auto form_page = [this](RequestContext& ctx, const json& values, const json& errors, int status) {
    bool is_new = !values.contains("id");
    json managers = json::array();
    std::string manager = text_of(values, "delivery_manager_id");
    if (auto dir = accounts_.directory(ctx.who()))
      for (const auto& u : (*dir)["items"])
        managers.push_back({{"value", u["id"]}, {"label", u["display_name"]}, {"selected", u["id"] == manager}});
    json procedures = enum_options<Procedure>(*this, ctx, "procedure", text_of(values, "procedure"));
    json catalogues = json::array();
    if (auto list = catalogues_.list(ctx.who()))
      for (const auto& item : (*list)["items"]) {
        if (item["kind"] != "catalogue") continue;
        bool seen = false, checked = false;
        for (const auto& c : catalogues) seen = seen || c["value"] == item["id"];
        if (values.contains("catalogues") && values["catalogues"].is_array())
          for (const auto& id : values["catalogues"]) checked = checked || id == item["id"];
        if (!seen) catalogues.push_back({{"value", item["id"]}, {"label", item["name"]}, {"checked", checked}});
      }
    json data = {
        {"nav", "cases"},
        {"title", message(ctx, is_new ? "ui.case.new_title" : "ui.case.edit_title")},
        {"action", is_new ? std::string("/cases/new") : "/cases/" + values["id"].get<std::string>() + "/edit"},
        {"cancel_href", is_new ? std::string("/cases") : "/cases/" + values["id"].get<std::string>()},
        {"values", values},
        {"kinds", enum_options<CaseKind>(*this, ctx, "case_kind", values.value("kind", "procurement"))},
        {"object_types", enum_options<ObjectType>(*this, ctx, "object_type", values.value("object_type", "service"))},
        {"delivery_models", enum_options<DeliveryModel>(*this, ctx, "delivery_model", values.value("delivery_model", "cloud_saas"))},
        {"laws", enum_options<Law>(*this, ctx, "law", values.value("law", "LOU"))},
        {"procedures", procedures},
        {"catalogues", catalogues},
        {"operators", enum_options<Party>(*this, ctx, "party", values.value("operator", "own"))},
        {"supports", enum_options<Party>(*this, ctx, "party", values.value("support", "own"))},
        {"hosting_locations", enum_options<HostingLocation>(*this, ctx, "hosting_location", values.value("hosting_location", "own_premises"))},
        {"managers", managers},
        {"incident_options", tri_options(*this, ctx, values.value("can_receive_incidents", json()))},
        {"followup_options", tri_options(*this, ctx, values.value("can_run_followups", json()))},
        {"errors", errors["fields"]},
        {"error_summary", errors.value("summary", json())}};
    return page(ctx, "case_form", data, status);
  };

  auto submit = [this, form_page](RequestContext& ctx, const std::optional<std::string>& id) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, case_form_spec);
    body["catalogues"] = form.all("catalogues");
    if (!id) body.erase("version");
    auto saved = id ? cases_.update(ctx.who(), *id, body) : cases_.create(ctx.who(), body);
    if (!saved) {
      const Error& e = saved.error();
      if (e.kind == ErrorKind::not_found || e.kind == ErrorKind::forbidden) return error_page(ctx, e);
      json values = body;
      json errors = form_errors(*this, ctx, e);
      if (e.kind == ErrorKind::conflict && e.params.count("current")) {
        values = json::parse(e.params.at("current"));
        errors["summary"] = errors["summary"].get<std::string>() + " " + message(ctx, "ui.version_conflict_hint");
      }
      if (id) values["id"] = *id;
      return form_page(ctx, values, errors, http_status(e.kind));
    }
    return Response::redirect("/cases/" + (*saved)["id"].get<std::string>());
  };

  r.add("GET", "/cases/new", [form_page](RequestContext& ctx) {
    return form_page(ctx, json::object(), json{{"fields", json::object()}}, 200);
  });
  r.add("POST", "/cases/new", [submit](RequestContext& ctx) { return submit(ctx, std::nullopt); });
  r.add("GET", "/cases/{id}/edit", [this, form_page](RequestContext& ctx) {
    auto c = cases_.get(ctx.who(), ctx.param("id"));
    if (!c) return error_page(ctx, c.error());
    return form_page(ctx, *c, json{{"fields", json::object()}}, 200);
  });
  r.add("POST", "/cases/{id}/edit", [submit](RequestContext& ctx) { return submit(ctx, ctx.param("id")); });

  // The case page. `problem` names the section whose form was refused and why.
  auto case_page = [this](RequestContext& ctx, const std::string& id, const json& problem, int status) {
    auto result = cases_.get(ctx.who(), id);
    if (!result) return error_page(ctx, result.error());
    json c = *result;
    const auto& process = content_.process;
    bool open = c["status"] == "open";

    // Progress: steps with their phases, the current one marked.
    json steps = json::array();
    for (const auto& s : process.steps) {
      json phases = json::array();
      bool step_current = c["step"] == to_string(s.step);
      for (const auto& ph : process.phases)
        if (ph.step == s.step)
          phases.push_back({{"name", ph.name.in(ctx.lang)}, {"current", c["phase"] == to_string(ph.phase)}});
      steps.push_back({{"name", s.name.in(ctx.lang)}, {"current", step_current}, {"phases", phases}});
    }

    json model = assets_.model(ctx.who());
    json classification = json::array();
    for (const auto& aspect : model["aspects"]) {
      const json& v = c["classification"][aspect["key"].get<std::string>()];
      std::string level = "–";
      if (v.is_object())
        for (const auto& l : model["levels"])
          if (l["level"] == v["level"]) level = std::to_string(v["level"].get<int>()) + " " + l["name"].get<std::string>();
      classification.push_back({{"name", aspect["name"]}, {"code", aspect["code"]}, {"level", level},
                                {"asset_id", v.is_object() ? v["asset_id"] : json()},
                                {"asset_name", v.is_object() ? v["asset_name"] : json()}});
    }

    json gates = json::array();
    for (auto g : c["gates"]) {
      g["state_label"] = message(ctx, "ui.case.gate_" + g["state"].get<std::string>());
      g["state_class"] = "state-" + g["state"].get<std::string>();
      if (g["last_decision"].is_object())
        g["last_decision"]["outcome_label"] =
            enum_label(*this, ctx, "outcome", g["last_decision"]["outcome"].get<std::string>());
      gates.push_back(g);
    }
    json decisions = json::array();
    for (auto d : c["decisions"]) {
      d["outcome_label"] = enum_label(*this, ctx, "outcome", d["outcome"].get<std::string>());
      d["gate_label"] = gate_label(*this, ctx, d["gate"]);
      decisions.push_back(d);
    }
    std::string chosen_gate = problem.value("gate", c["next_gate"].is_string() ? c["next_gate"].get<std::string>() : "");
    json gate_options = json::array();
    for (const auto& g : process.gates)
      gate_options.push_back({{"value", to_string(g.gate)}, {"label", g.name.in(ctx.lang)},
                              {"selected", chosen_gate == to_string(g.gate)}});

    // Activities grouped by phase, each with its own small form.
    json phases = json::array();
    for (const auto& ph : process.phases) {
      json items = json::array();
      for (auto a : c["activities"]) {
        if (a["phase"] != to_string(ph.phase)) continue;
        std::string key = a["key"];
        a["status_label"] = enum_label(*this, ctx, "activity_status", a["status"].get<std::string>());
        a["gate_label"] = gate_label(*this, ctx, a["gate"]);
        a["done"] = a["status"] != "open";
        json options = json::array();
        for (auto name : enum_names(ActivityStatus{})) {
          if (name == "not_applicable" && !ph.allow_not_applicable) continue;
          options.push_back({{"value", std::string(name)},
                             {"label", enum_label(*this, ctx, "activity_status", name)},
                             {"selected", a["status"] == name}});
        }
        a["options"] = options;
        if (problem.value("activity", "") == key) a["error"] = problem["message"];
        items.push_back(a);
      }
      int settled = 0;
      bool has_problem = false;
      for (const auto& a : items) {
        settled += a["done"].get<bool>() ? 1 : 0;
        has_problem = has_problem || a.contains("error");
      }
      phases.push_back({{"name", ph.name.in(ctx.lang)}, {"current", c["phase"] == to_string(ph.phase)},
                        {"description", ph.description.in(ctx.lang)}, {"activities", items}, {"done_count", settled}, {"total_count", items.size()},
                        {"has_problem", has_problem}});
    }

    json required = json::array();
    for (auto a : c["required_activities"]) {
      a["status_label"] = enum_label(*this, ctx, "activity_status", a["status"].get<std::string>());
      a["gate_label"] = gate_label(*this, ctx, a["blocks_gate"]);
      a["owner_label"] = a["owner"].is_string() ? json(enum_label(*this, ctx, "role", a["owner"].get<std::string>())) : json();
      // The routine names who records the step; others see it but cannot record it.
      a["can_record"] = c["status"] == "open" && app::allowed(ctx.who(), app::Permission::record_activities) &&
                        (!a["owner"].is_string() || ctx.who().user.has(*parse_enum<Role>(a["owner"].get<std::string>())));
      json options = json::array();
      for (const char* name : {"open", "done"})
        options.push_back({{"value", name}, {"label", enum_label(*this, ctx, "activity_status", name)},
                           {"selected", a["status"] == name}});
      a["options"] = options;
      if (problem.value("activity", "") == a["key"]) a["error"] = problem["message"];
      required.push_back(a);
    }

    json users = json::array();
    if (auto dir = accounts_.directory(ctx.who()))
      for (const auto& u : (*dir)["items"]) users.push_back({{"value", u["id"]}, {"label", u["display_name"]}});
    json competences = json::array();
    for (const auto& comp : process.competences) competences.push_back({{"value", comp.key}, {"label", comp.name.in(ctx.lang)}});

    // Assets that can still be linked.
    json linkable = json::array();
    if (auto all = assets_.names(ctx.who()))
      for (const auto& a : (*all)["items"]) {
        bool linked = false;
        for (const auto& l : c["assets"]) linked = linked || l["id"] == a["id"];
        if (!linked) linkable.push_back({{"value", a["id"]}, {"label", a["name"]}});
      }
    json assets = json::array();
    for (auto a : c["assets"]) {
      std::string levels;
      for (const char* k : {"confidentiality", "integrity", "availability", "traceability"}) {
        if (!levels.empty()) levels += " / ";
        levels += a["classification"][k].is_null() ? "–" : std::to_string(a["classification"][k].get<int>());
      }
      a["levels"] = levels;
      assets.push_back(a);
    }

    auto yes_no = [&](const json& v) {
      return v.is_null() ? message(ctx, "ui.unknown") : message(ctx, v.get<bool>() ? "ui.yes" : "ui.no");
    };
    json facts = json::array();
    auto fact = [&](const char* field, const std::string& value) {
      facts.push_back({{"label", message(ctx, std::string("field.") + field)},
                       {"value", value.empty() ? message(ctx, "ui.not_set") : value}});
    };
    fact("kind", enum_label(*this, ctx, "case_kind", c["kind"].get<std::string>()));
    fact("need_statement", text_of(c, "need_statement"));
    fact("alternatives", text_of(c, "alternatives"));
    fact("object_type", enum_label(*this, ctx, "object_type", c["object_type"].get<std::string>()));
    fact("delivery_model", enum_label(*this, ctx, "delivery_model", c["delivery_model"].get<std::string>()));
    fact("law", c["law"].get<std::string>());
    fact("procedure", c["procedure"].is_string() ? enum_label(*this, ctx, "procedure", c["procedure"].get<std::string>()) : "");
    fact("estimated_value_sek", swedish_number(c["estimated_value_sek"]));
    fact("tender_deadline", text_of(c, "tender_deadline"));
    fact("operator", enum_label(*this, ctx, "party", c["operator"].get<std::string>()));
    fact("support", enum_label(*this, ctx, "party", c["support"].get<std::string>()));
    fact("hosting_location", enum_label(*this, ctx, "hosting_location", c["hosting_location"].get<std::string>()));
    fact("supplier_remote_access", yes_no(c["supplier_remote_access"]));
    fact("supplier_data_copies", yes_no(c["supplier_data_copies"]));
    fact("information_location", text_of(c, "information_location"));
    fact("software_location", text_of(c, "software_location"));
    fact("hardware_location", text_of(c, "hardware_location"));
    std::string catalogue_names;
    for (const auto& id : c["catalogues"]) catalogue_names += (catalogue_names.empty() ? "" : ", ") + id.get<std::string>();
    fact("catalogues", catalogue_names.empty() ? message(ctx, "ui.case.organisation_catalogue") : catalogue_names);

    json risk_summary;
    if (auto risks = risks_.list(ctx.who(), id); risks && !(*risks)["items"].empty()) {
      auto maps = heat_maps(ctx, risks_.matrix(ctx.who()), (*risks)["items"]);
      risk_summary = {{"before", maps.before}, {"after", maps.after}, {"legend", maps.legend},
                      {"count", (*risks)["items"].size()}};
    }
    // The rule sets' findings, most severe first, each with why it was raised.
    json severities = json::array();
    if (auto found = specifications_.findings(ctx.who(), id))
      for (const char* severity : {"block", "warning", "info"}) {
        json items = json::array();
        for (auto f : (*found)["findings"]) {
          if (f["severity"] != severity) continue;
          f["gate_label"] = gate_label(*this, ctx, f["blocks_gate"]);
          items.push_back(f);
        }
        if (!items.empty())
          severities.push_back({{"severity", severity}, {"name", enum_label(*this, ctx, "severity", severity)}, {"items", items}});
      }
    // The case's contracts; after the award, a contract can be made from it.
    json case_contracts = json::array();
    if (auto list = contracts_.list(ctx.who(), {id, ""}, app::Page{-1, 0})) case_contracts = (*list)["items"];
    bool awarded = false;
    for (const auto& g : gates) awarded = awarded || (g["key"] == "award_decided" && g["state"] == "passed");
    json data = {
        {"nav", "cases"},
        {"contracts", case_contracts},
        {"can_make_contract", open && awarded && case_contracts.empty() &&
                                  app::allowed(ctx.who(), app::Permission::manage_contracts)},
        {"finding_groups", severities},
        {"risk_summary", risk_summary},
        {"title", c["registry_number"].get<std::string>() + " " + c["title"].get<std::string>()},
        {"case", c},
        {"open", open},
        {"status_label", enum_label(*this, ctx, "case_status", c["status"].get<std::string>())},
        {"steps", steps},
        {"classification", classification},
        {"gates", gates},
        {"now", next_steps_view(*this, ctx, c["next_steps"])},
        {"decisions", decisions},
        {"gate_options", gate_options},
        {"outcome_options", enum_options<Outcome>(*this, ctx, "outcome", problem.value("outcome", "approved"))},
        {"phases", phases},
        {"required_activities", required},
        {"users", users},
        {"competences", competences},
        {"linkable", linkable},
        {"assets", assets},
        {"facts", facts},
        {"incidents_label", yes_no(c["can_receive_incidents"])},
        {"followups_label", yes_no(c["can_run_followups"])},
        {"problem", problem},
        {"can_edit", open && app::allowed(ctx.who(), app::Permission::edit_cases)},
        {"can_decide", open && (app::allowed(ctx.who(), app::Permission::decide_prepare) ||
                                app::allowed(ctx.who(), app::Permission::decide_realise))},
        {"can_record", open && app::allowed(ctx.who(), app::Permission::record_activities)},
        {"can_cancel", open && app::allowed(ctx.who(), app::Permission::cancel_cases)},
        {"can_copy", app::allowed(ctx.who(), app::Permission::edit_cases)}};
    return page(ctx, "case", data, status);
  };

  r.add("GET", "/cases/{id}", [case_page](RequestContext& ctx) {
    return case_page(ctx, ctx.param("id"), json::object(), 200);
  });

  // A case action from a form on the case page: on success back to the page (at the
  // section), on refusal the page again with the message at the form.
  auto action = [this, case_page](RequestContext& ctx, const std::string& section, const json& echo,
                                  const Result<json>& result) {
    const std::string& id = ctx.param("id");
    if (result) return Response::redirect("/cases/" + id + "#" + section);
    const Error& e = result.error();
    if (e.kind == ErrorKind::not_found && section != "activities") return error_page(ctx, e);
    json problem = echo;
    problem["section"] = section;
    problem["anchor"] = section == "activities" ? "activity-" + ctx.param("key") : section;
    problem["message"] = error_message(ctx, e);
    problem[section] = true;
    return case_page(ctx, id, problem, http_status(e.kind));
  };

  r.add("POST", "/cases/{id}/decisions", [this, action](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, {{"gate", FieldKind::text}, {"outcome", FieldKind::text}, {"rationale", FieldKind::text}});
    return action(ctx, "decide", json{{"gate", form.get("gate")}, {"outcome", form.get("outcome")}, {"rationale", form.get("rationale")}},
                  cases_.decide(ctx.who(), ctx.param("id"), body));
  });
  r.add("POST", "/cases/{id}/activities/{key}", [this, action](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req),
                             {{"status", FieldKind::text}, {"comment", FieldKind::text}, {"version", FieldKind::integer}});
    return action(ctx, "activities", json{{"activity", ctx.param("key")}},
                  cases_.record_activity(ctx.who(), ctx.param("id"), ctx.param("key"), body));
  });
  r.add("POST", "/cases/{id}/team", [this, action](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"user_id", FieldKind::text}, {"competence", FieldKind::text}});
    return action(ctx, "team", json::object(), cases_.add_member(ctx.who(), ctx.param("id"), body));
  });
  r.add("POST", "/cases/{id}/team/remove", [this, action](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    return action(ctx, "team", json::object(),
                  cases_.remove_member(ctx.who(), ctx.param("id"), form.get("user_id"), form.get("competence")));
  });
  r.add("POST", "/cases/{id}/assets", [this, action](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"asset_id", FieldKind::text}});
    return action(ctx, "assets", json::object(), cases_.link_asset(ctx.who(), ctx.param("id"), body));
  });
  r.add("POST", "/cases/{id}/assets/{asset_id}/remove", [this, action](RequestContext& ctx) {
    return action(ctx, "assets", json::object(), cases_.unlink_asset(ctx.who(), ctx.param("id"), ctx.param("asset_id")));
  });
  r.add("POST", "/cases/{id}/copy", [this, action](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"registry_number", FieldKind::text}, {"title", FieldKind::text}});
    auto copied = cases_.copy(ctx.who(), ctx.param("id"), body);
    if (copied) return Response::redirect("/cases/" + (*copied)["id"].get<std::string>());
    return action(ctx, "copy", json{{"copy_registry_number", body.value("registry_number", "")},
                                    {"copy_title", body.value("title", "")}},
                  copied);
  });
  r.add("POST", "/cases/{id}/cancel", [this, action](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"reason", FieldKind::text}});
    return action(ctx, "cancel", json::object(), cases_.cancel(ctx.who(), ctx.param("id"), body));
  });
}

}  // namespace kk::web
