// The risk register page: heat maps before and after measures, the register by stage with
// its own small forms, the information owner's decision, and adding risks from the starter
// list or by hand.
#include <algorithm>
#include <map>

#include "web/forms.hpp"
#include "web/heat_map.hpp"
#include "web/stale_edit.hpp"

namespace kk::web {
using nlohmann::json;
using namespace kk::domain;

namespace {
const FormSpec risk_form_spec = {{"stage", FieldKind::text},          {"title", FieldKind::text},
                                 {"description", FieldKind::text},    {"likelihood", FieldKind::integer},
                                 {"consequence", FieldKind::integer}, {"treatment", FieldKind::text},
                                 {"residual_likelihood", FieldKind::integer},
                                 {"residual_consequence", FieldKind::integer},
                                 {"owner_user_id", FieldKind::optional_enum}, {"version", FieldKind::integer}};

// The fields of a risk's edit form, merged field by field when someone saved the risk meanwhile.
const std::vector<std::string> risk_edit_fields = {"likelihood", "consequence", "residual_likelihood",
                                                   "residual_consequence", "treatment", "requirement_ids"};

json scale_options(const json& scale, const json& current, bool with_empty, const std::string& empty_label) {
  json out = json::array();
  if (with_empty) out.push_back({{"value", ""}, {"label", empty_label}, {"selected", current.is_null()}});
  for (const auto& s : scale)
    out.push_back({{"value", std::to_string(s["level"].get<int>())},
                   {"label", std::to_string(s["level"].get<int>()) + " " + s["name"].get<std::string>()},
                   {"selected", current.is_number() && current == s["level"]}});
  return out;
}
}  // namespace

WebApp::HeatMaps WebApp::heat_maps(const RequestContext& ctx, const json& m, const json& risks) const {
  // Every risk at its level, and after measures (the residual, or the level when none).
  std::size_t n = m["likelihood"].size();
  HeatMapInput before, after;
  for (auto* h : {&before, &after}) {
    for (const auto& s : m["likelihood"]) h->likelihood.push_back(s["name"]);
    for (const auto& s : m["consequence"]) h->consequence.push_back(s["name"]);
    for (const auto& l : m["levels"]) h->level_names.push_back(l["name"]);
    h->levels.assign(n, std::vector<std::size_t>(n, 0));
    for (std::size_t l = 0; l < n; ++l)
      for (std::size_t k = 0; k < n; ++k)
        for (std::size_t i = 0; i < m["levels"].size(); ++i)
          if (m["levels"][i]["key"] == m["matrix"][l][k]) h->levels[l][k] = i;
    h->counts.assign(n, std::vector<int>(n, 0));
    h->likelihood_label = message(ctx, "field.likelihood");
    h->consequence_label = message(ctx, "field.consequence");
  }
  before.id = "before";
  before.title = message(ctx, "ui.risks.before");
  after.id = "after";
  after.title = message(ctx, "ui.risks.after");
  for (const auto& risk : risks) {
    int l = risk["likelihood"], k = risk["consequence"];
    if (l < 1 || k < 1 || static_cast<std::size_t>(l) > n || static_cast<std::size_t>(k) > n) continue;
    before.counts[l - 1][k - 1]++;
    int rl = risk["residual_likelihood"].is_number() ? risk["residual_likelihood"].get<int>() : l;
    int rk = risk["residual_consequence"].is_number() ? risk["residual_consequence"].get<int>() : k;
    after.counts[rl - 1][rk - 1]++;
  }
  std::string legend;
  for (std::size_t i = 0; i < before.consequence.size(); ++i)
    legend += (i ? ", " : "") + std::to_string(i + 1) + " " + before.consequence[i];
  return {heat_map_svg(before), heat_map_svg(after), legend};
}

void WebApp::register_risk_pages() {
  auto& r = router_;

  auto risk_page = [this](RequestContext& ctx, const std::string& id, const json& problem, int status) {
    auto c = cases_.summary(ctx.who(), id);
    if (!c) return error_page(ctx, c.error());
    auto list = risks_.list(ctx.who(), id);
    if (!list) return error_page(ctx, list.error());
    json m = risks_.matrix(ctx.who());
    auto spec = specifications_.get(ctx.who(), id);
    bool can_edit = app::allowed(ctx.who(), app::Permission::edit_risks) && (*c)["status"] == "open";

    json requirement_options = json::array();
    std::map<std::string, std::string> requirement_label;  // for the risks' linked requirements
    if (spec)
      for (const auto& e : (*spec)["entries"])
        if (e["status"] == "active") {
          std::string id = e["requirement_id"];
          std::string label = id + " – " + e.value("ska_text", std::string()).substr(0, 80);
          requirement_options.push_back({{"value", id}, {"label", label}});
          requirement_label.emplace(id, std::move(label));
        }
    auto assessments = risks_.assessments(ctx.who(), id);
    json directory = json::array();
    if (auto dir = accounts_.directory(ctx.who())) directory = (*dir)["items"];
    json stages = json::array();
    for (auto stage : enum_names(RiskStage{})) {
      json items = json::array();
      for (auto risk : (*list)["items"]) {
        if (risk["stage"] != stage) continue;
        // The form's base is what is stored now; after a stale save it shows the merged values.
        prepare_stale_edit(risk, risk_edit_fields,
                           problem.value("risk", "") == risk["id"] ? problem.value("merge", json()) : json());
        risk["treatment_label"] = enum_label(*this, ctx, "treatment", risk["treatment"].get<std::string>());
        risk["decision_label"] = risk["decision"].is_string()
                                     ? json(enum_label(*this, ctx, "risk_decision", risk["decision"].get<std::string>()))
                                     : json();
        const json form = risk["form"];
        risk["likelihood_options"] = scale_options(m["likelihood"], form["likelihood"], false, "");
        risk["consequence_options"] = scale_options(m["consequence"], form["consequence"], false, "");
        risk["residual_likelihood_options"] =
            scale_options(m["likelihood"], form["residual_likelihood"], true, message(ctx, "ui.not_set"));
        risk["residual_consequence_options"] =
            scale_options(m["consequence"], form["residual_consequence"], true, message(ctx, "ui.not_set"));
        risk["treatment_options"] = enum_options<Treatment>(*this, ctx, "treatment", form["treatment"]);
        // Only the requirements linked now are listed with the risk; more are chosen from the
        // page's one list of requirements, so a register of 1,000 risks does not repeat it.
        json linked = json::array();
        for (const auto& id : form["requirement_ids"]) {
          auto known = id.is_string() ? requirement_label.find(id.get<std::string>()) : requirement_label.end();
          linked.push_back({{"value", id}, {"label", known != requirement_label.end() ? json(known->second) : id}});
        }
        risk["linked_requirements"] = linked;
        // The owner of an affected asset sees the decision form.
        bool can_decide = false;
        for (const auto& a : (*c)["assets"])
          for (const auto& affected : risk["asset_ids"])
            if (affected == a["id"] && a["owner_user_id"] == ctx.who().user.id) can_decide = true;
        risk["can_decide"] = can_decide && ctx.who().user.has(Role::information_owner);
        if (problem.value("risk", "") == risk["id"]) risk["error"] = problem["message"];
        items.push_back(risk);
      }
      json next_stage;
      if (stage == "initial") next_stage = "deep";
      if (stage == "deep") next_stage = "award";
      json assessment = json::object();
      if (assessments)
        for (const auto& a : (*assessments)["items"])
          if (a["stage"] == stage) assessment = a;
      json people = json::array();
      for (const auto& u : directory) {
        bool in = false;
        for (const auto& p : assessment.value("participants", json::array())) in = in || p["user_id"] == u["id"];
        people.push_back({{"value", u["id"]}, {"label", u["display_name"]}, {"checked", in}});
      }
      stages.push_back({{"key", std::string(stage)},
                        {"name", enum_label(*this, ctx, "risk_stage", stage)},
                        {"items", items},
                        {"assessment", assessment},
                        {"people", people},
                        {"next_stage", next_stage},
                        {"next_stage_name", next_stage.is_string()
                                                ? json(enum_label(*this, ctx, "risk_stage", next_stage.get<std::string>()))
                                                : json()}});
    }
    json starters = json::array();
    const json starter_list = risks_.starters(ctx.who());
    for (const auto& s : starter_list["items"])
      starters.push_back({{"value", s["key"]}, {"label", s["title"]}});
    json assets = json::array();
    for (const auto& a : (*c)["assets"]) assets.push_back({{"value", a["id"]}, {"label", a["name"]}});
    json owners = json::array();
    for (const auto& u : directory) owners.push_back({{"value", u["id"]}, {"label", u["display_name"]}});
    auto maps = heat_maps(ctx, m, (*list)["items"]);
    return page(ctx, "risks",
                {{"nav", "cases"},
                 {"title", message(ctx, "ui.risks.title") + " – " + (*c)["registry_number"].get<std::string>()},
                 {"case", *c},
                 {"heat_before", maps.before},
                 {"heat_after", maps.after},
                 {"consequence_legend", maps.legend},
                 {"stages", stages},
                 {"starters", starters},
                 {"assets", assets},
                 {"owners", owners},
                 {"needs_review", (*list)["needs_review"]},
                 {"stage_options", enum_options<RiskStage>(*this, ctx, "risk_stage", problem.value("stage", "initial"))},
                 {"likelihood_options", scale_options(m["likelihood"], json(), false, "")},
                 {"consequence_options", scale_options(m["consequence"], json(), false, "")},
                 {"matrix", m},
                 {"can_edit", can_edit},
                 {"requirement_options", requirement_options},
                 {"problem", problem}},
                status);
  };

  r.add("GET", "/cases/{id}/risks", [risk_page](RequestContext& ctx) {
    return risk_page(ctx, ctx.param("id"), json::object(), 200);
  });

  auto done = [this, risk_page](RequestContext& ctx, const std::string& anchor, const json& echo, const Result<json>& result) {
    return form_outcome(ctx, "/cases/" + ctx.param("id") + "/risks", anchor, echo, result, risk_page);
  };


  r.add("POST", "/cases/{id}/risks", [this, done](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, risk_form_spec);
    body.erase("version");
    // A starter risk gives the title, description and aspects; the form gives the levels.
    const json starter_list = risks_.starters(ctx.who());
    if (!form.get("starter").empty())
      for (const auto& s : starter_list["items"])
        if (s["key"] == form.get("starter")) {
          if (body.value("title", "").empty()) body["title"] = s["title"];
          if (body.value("description", "").empty()) body["description"] = s["description"];
          body["aspects"] = s["aspects"];
        }
    json assets = json::array();
    for (const auto& a : form.all("asset_ids")) assets.push_back(a);
    body["asset_ids"] = assets;
    for (const char* k : {"residual_likelihood", "residual_consequence", "owner_user_id", "treatment"})
      if (body.contains(k) && (body[k].is_null() || body[k] == "")) body.erase(k);
    return done(ctx, "add", json{{"add", true}, {"stage", body.value("stage", "initial")}},
                risks_.create(ctx.who(), ctx.param("id"), body));
  });

  r.add("POST", "/cases/{id}/risks/{risk_id}", [this, done](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, risk_form_spec);
    // The linked requirements (checkboxes) and those typed in, several separated by commas.
    json reqs = json::array();
    for (const auto& v : form.all("requirement_ids"))
      for (const auto& id : split_list(v))
        if (std::find(reqs.begin(), reqs.end(), id) == reqs.end()) reqs.push_back(id);
    body["requirement_ids"] = reqs;
    for (const char* k : {"title", "description", "stage", "owner_user_id"})
      if (!form.has(k)) body.erase(k);
    const std::string& risk_id = ctx.param("risk_id");
    auto saved = risks_.update(ctx.who(), ctx.param("id"), risk_id, body);
    json echo = {{"risk", risk_id}};
    if (!saved) {
      auto merge = stale_edit_form(*this, ctx, risk_edit_fields, {{"treatment", "treatment"}});
      echo["merge"] = stale_edit_echo(merge, saved.error(), form.get("_base"), body);
    }
    return done(ctx, "risk-" + risk_id, echo, saved);
  });

  r.add("POST", "/cases/{id}/risks/{risk_id}/decision", [this, done](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"version", FieldKind::integer},
                                                    {"decision", FieldKind::optional_enum},
                                                    {"decision_rationale", FieldKind::text}});
    const std::string& risk_id = ctx.param("risk_id");
    return done(ctx, "risk-" + risk_id, json{{"risk", risk_id}},
                risks_.update(ctx.who(), ctx.param("id"), risk_id, body));
  });

  r.add("POST", "/cases/{id}/risk-assessments/{stage}", [this, done](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, {{"version", FieldKind::integer}, {"notes", FieldKind::text}});
    body["participants"] = form.all("participants");
    return done(ctx, "register", json::object(),
                risks_.save_assessment(ctx.who(), ctx.param("id"), ctx.param("stage"), body));
  });

  r.add("POST", "/cases/{id}/risks-copy", [this, done](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"from", FieldKind::text}, {"to", FieldKind::text}});
    return done(ctx, "register", json::object(), risks_.copy_stage(ctx.who(), ctx.param("id"), body));
  });

  r.add("POST", "/cases/{id}/risks/{risk_id}/reviewed", [this, done](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"version", FieldKind::integer}});
    body["reviewed"] = true;
    const std::string& risk_id = ctx.param("risk_id");
    return done(ctx, "risk-" + risk_id, json{{"risk", risk_id}}, risks_.update(ctx.who(), ctx.param("id"), risk_id, body));
  });

  r.add("POST", "/cases/{id}/risks/{risk_id}/delete", [this, done](RequestContext& ctx) {
    auto s = risks_.remove(ctx.who(), ctx.param("id"), ctx.param("risk_id"));
    return done(ctx, "register", json::object(), s ? Result<json>(json::object()) : Result<json>(s.error()));
  });
}

}  // namespace kk::web
