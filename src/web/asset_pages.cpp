// Pages of the information asset inventory: list, guided classification form, detail,
// the information owner's approval.
#include "web/forms.hpp"

namespace kk::web {
using nlohmann::json;
using namespace kk::domain;

namespace {

const FormSpec asset_form_spec = {
    {"name", FieldKind::text},          {"description", FieldKind::text},   {"owner_user_id", FieldKind::optional_enum},
    {"owner_unit", FieldKind::text},    {"stage", FieldKind::text},         {"method", FieldKind::text},
    {"version", FieldKind::integer}};

// The asset form's values as the API's JSON (classification and flags nested).
json asset_body_from_form(const Form& form) {
  json body = form_to_json(form, asset_form_spec);
  if (body.contains("version") && body["version"].is_null()) body.erase("version");
  json classification = json::object();
  for (Aspect a : all_aspects) {
    std::string key(to_string(a));
    if (!form.has(key)) continue;
    std::string v = form.get(key);
    if (v.empty()) classification[key] = nullptr;
    else {
      try {
        classification[key] = std::stoi(v);
      } catch (const std::exception&) {
        classification[key] = v;
      }
    }
  }
  body["classification"] = classification;
  json flags = json::object();
  for (auto name : enum_names(Flag{})) flags[std::string(name)] = form.has("flag_" + std::string(name));
  body["flags"] = flags;
  return body;
}

std::string level_text(const json& model, const json& level) {
  if (!level.is_number_integer()) return "–";
  for (const auto& l : model["levels"])
    if (l["level"] == level) return std::to_string(level.get<int>()) + " " + l["name"].get<std::string>();
  return std::to_string(level.get<int>());
}

}  // namespace

void WebApp::register_asset_pages() {
  auto& r = router_;

  // The form: values (asset JSON shape), answers to the guided questions, and errors.
  auto form_page = [this](RequestContext& ctx, const json& values, const std::map<std::string, std::string>& answers,
                          const json& errors, bool proposal_ready, int status) {
    json model = assets_.model(ctx.who());
    json owners = json::array();
    auto directory = accounts_.directory(ctx.who());
    std::string owner = values.value("owner_user_id", json()).is_string() ? values["owner_user_id"].get<std::string>() : "";
    if (directory)
      for (const auto& u : (*directory)["items"])
        for (const auto& role : u["roles"])
          if (role == "information_owner")
            owners.push_back({{"value", u["id"]}, {"label", u["display_name"]}, {"selected", u["id"] == owner}});
    json aspects = json::array();
    for (const auto& a : model["aspects"]) {
      std::string key = a["key"];
      json current = values.contains("classification") ? values["classification"].value(key, json()) : json();
      aspects.push_back({{"key", key},
                         {"name", a["name"]},
                         {"code", a["code"]},
                         {"description", a["description"]},
                         {"options", level_options(model, current)},
                         {"error", errors["fields"].value(key, json())}});
    }
    json flags = json::array();
    for (auto name : enum_names(Flag{})) {
      std::string key(name);
      bool checked = values.contains("flags") && values["flags"].value(key, false);
      flags.push_back({{"key", key}, {"label", enum_label(*this, ctx, "flag", name)}, {"checked", checked}});
    }
    json questions = json::array();
    const json question_set = assets_.questions(ctx.who());
    for (const auto& q : question_set["questions"]) {
      std::string chosen = answers.count(q["key"]) ? answers.at(q["key"]) : "";
      json options = json::array();
      for (const auto& o : q["options"])
        options.push_back({{"value", o["key"]}, {"label", o["text"]}, {"selected", o["key"] == chosen}});
      questions.push_back({{"key", q["key"]}, {"text", q["text"]}, {"help", q["help"]}, {"options", options}});
    }
    bool is_new = !values.contains("id");
    json data = {
        {"nav", "assets"},
        {"title", message(ctx, is_new ? "ui.asset.new_title" : "ui.asset.edit_title")},
        {"is_new", is_new},
        {"action", is_new ? std::string("/assets/new") : "/assets/" + values["id"].get<std::string>() + "/edit"},
        {"cancel_href", is_new ? std::string("/assets") : "/assets/" + values["id"].get<std::string>()},
        {"values", values},
        {"owners", owners},
        {"stages", enum_options<ClassificationStage>(*this, ctx, "stage", values.value("stage", "initial"))},
        {"methods", enum_options<ClassificationMethod>(*this, ctx, "method", values.value("method", "simple"))},
        {"aspects", aspects},
        {"flags", flags},
        {"questions", questions},
        {"errors", errors["fields"]},
        {"error_summary", errors.value("summary", json())},
        {"proposal_ready", proposal_ready},
        {"model_name", model["name"]}};
    return page(ctx, "asset_form", data, status);
  };

  auto list_page = [this](RequestContext& ctx, const json& import_outcome, int status) {
    auto list = assets_.list(ctx.who(), page_number(ctx, 50));
    if (!list) return error_page(ctx, list.error());
    json items = json::array();
    for (auto a : (*list)["items"]) {
      std::string levels;
      for (const char* k : {"confidentiality", "integrity", "availability", "traceability"}) {
        if (!levels.empty()) levels += " / ";
        levels += a["classification"][k].is_null() ? "–" : std::to_string(a["classification"][k].get<int>());
      }
      a["levels"] = levels;
      a["stage_label"] = enum_label(*this, ctx, "stage", a["stage"].get<std::string>());
      items.push_back(a);
    }
    return page(ctx, "assets", {{"nav", "assets"}, {"title", message(ctx, "ui.assets.title")}, {"items", items},
                                {"paging", pager(ctx, "/assets", (*list)["page"])},
                                {"import", import_outcome},
                                {"can_edit", app::allowed(ctx.who(), app::Permission::edit_assets)}},
                status);
  };
  r.add("GET", "/assets", [list_page](RequestContext& ctx) { return list_page(ctx, json::object(), 200); });

  // The inventory from a spreadsheet: the result, or every row that could not be taken, on the list.
  r.add("POST", "/assets/import", [this, list_page](RequestContext& ctx) {
    const auto& parts = ctx.parts();
    const FormPart file = parts.count("file") ? parts.at("file") : FormPart{};
    auto imported = assets_.import(ctx.who(), file.bytes, file.file_name);
    if (!imported && imported.error().kind == ErrorKind::forbidden) return error_page(ctx, imported.error());
    json outcome = imported ? json{{"imported", *imported}} : json{{"error", error_message(ctx, imported.error())}};
    if (!imported)
      if (auto it = imported.error().params.find("problems"); it != imported.error().params.end())
        outcome["problems"] = json::parse(it->second, nullptr, false);
    return list_page(ctx, outcome, imported ? 200 : http_status(imported.error().kind));
  });

  r.add("GET", "/assets/new", [form_page](RequestContext& ctx) {
    return form_page(ctx, json{{"classification", json::object()}, {"flags", json::object()}}, {}, json{{"fields", json::object()}},
                     false, 200);
  });

  // One form, two buttons: "propose" fills in levels from the guided answers, "save" stores.
  auto submit = [this, form_page](RequestContext& ctx, const std::optional<std::string>& id) {
    Form form = Form::parse(ctx.req);
    json body = asset_body_from_form(form);
    std::map<std::string, std::string> answers;
    for (const auto& [k, v] : form.values)
      if (k.rfind("q_", 0) == 0 && !v.empty()) answers[k.substr(2)] = v;
    json values = body;
    if (id) values["id"] = *id;
    if (form.get("action") == "propose") {
      auto proposal = assets_.propose(ctx.who(), json{{"answers", answers}});
      if (!proposal) return form_page(ctx, values, answers, form_errors(*this, ctx, proposal.error()), false, 422);
      for (const auto& item : (*proposal)["classification"].items())
        if (!item.value().is_null()) values["classification"][item.key()] = item.value();
      for (const auto& flag : (*proposal)["flags"]) values["flags"][flag.get<std::string>()] = true;
      return form_page(ctx, values, answers, json{{"fields", json::object()}}, true, 200);
    }
    auto saved = id ? assets_.update(ctx.who(), *id, body) : assets_.create(ctx.who(), body);
    if (!saved) {
      if (saved.error().kind == ErrorKind::conflict && saved.error().params.count("current")) {
        // Show the current version with the notice, so nothing is silently lost.
        json current = json::parse(saved.error().params.at("current"));
        json errors = form_errors(*this, ctx, saved.error());
        errors["summary"] = errors["summary"].get<std::string>() + " " + message(ctx, "ui.version_conflict_hint");
        return form_page(ctx, current, answers, errors, false, 409);
      }
      if (saved.error().kind == ErrorKind::not_found || saved.error().kind == ErrorKind::forbidden)
        return error_page(ctx, saved.error());
      return form_page(ctx, values, answers, form_errors(*this, ctx, saved.error()), false,
                       http_status(saved.error().kind));
    }
    return Response::redirect("/assets/" + (*saved)["id"].get<std::string>());
  };
  r.add("POST", "/assets/new", [submit](RequestContext& ctx) { return submit(ctx, std::nullopt); });
  r.add("POST", "/assets/{id}/edit", [submit](RequestContext& ctx) { return submit(ctx, ctx.param("id")); });

  r.add("GET", "/assets/{id}/edit", [this, form_page](RequestContext& ctx) {
    auto asset = assets_.get(ctx.who(), ctx.param("id"));
    if (!asset) return error_page(ctx, asset.error());
    return form_page(ctx, *asset, {}, json{{"fields", json::object()}}, false, 200);
  });

  r.add("GET", "/assets/{id}", [this](RequestContext& ctx) {
    auto asset = assets_.get(ctx.who(), ctx.param("id"));
    if (!asset) return error_page(ctx, asset.error());
    json a = *asset;
    json model = assets_.model(ctx.who());
    json rows = json::array();
    for (const auto& aspect : model["aspects"])
      rows.push_back({{"name", aspect["name"]}, {"code", aspect["code"]},
                      {"level", level_text(model, a["classification"][aspect["key"].get<std::string>()])}});
    json flags = json::array();
    for (const auto& f : a["flags"].items())
      if (f.value().get<bool>()) flags.push_back(enum_label(*this, ctx, "flag", f.key()));
    bool is_owner = a["owner_user_id"].is_string() && a["owner_user_id"] == ctx.who().user.id;
    json cases = json::array();
    for (const auto& case_id : a["case_ids"]) {
      auto c = cases_.summary(ctx.who(), case_id);
      if (c) cases.push_back({{"id", case_id}, {"title", (*c)["title"]}, {"registry_number", (*c)["registry_number"]}});
    }
    std::string approved_text;
    if (a["approved_by"].is_string())
      approved_text = message(ctx, "ui.asset.approved_by",
                              {{"name", a["approved_by_name"].is_string() ? a["approved_by_name"].get<std::string>() : ""},
                               {"at", a["approved_at"].get<std::string>()}});
    return page(ctx, "asset",
                {{"nav", "assets"}, {"title", a["name"]}, {"asset", a}, {"rows", rows}, {"flags", flags},
                 {"stage_label", enum_label(*this, ctx, "stage", a["stage"].get<std::string>())},
                 {"method_label", enum_label(*this, ctx, "method", a["method"].get<std::string>())},
                 {"model_name", model["name"]}, {"approved_text", approved_text},
                 {"is_approved", a["approved_by"].is_string()}, {"is_owner", is_owner}, {"cases", cases},
                 {"can_edit", app::allowed(ctx.who(), app::Permission::edit_assets)},
                 {"can_delete", app::allowed(ctx.who(), app::Permission::delete_assets) && cases.empty()}});
  });

  r.add("POST", "/assets/{id}/approve", [this](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, {{"version", FieldKind::integer}});
    body["approve"] = form.get("approve") == "true";
    auto saved = assets_.update(ctx.who(), ctx.param("id"), body);
    if (!saved) return error_page(ctx, saved.error());
    return Response::redirect("/assets/" + ctx.param("id"));
  });

  r.add("POST", "/assets/{id}/delete", [this](RequestContext& ctx) {
    auto s = assets_.remove(ctx.who(), ctx.param("id"));
    if (!s) return error_page(ctx, s.error());
    return Response::redirect("/assets");
  });
}

}  // namespace kk::web
