// The specification page: findings first, the proposed difference when facts changed,
// then the requirements by placement and area, each with "Varför?" and its own small
// forms (strike with a reason, reinstate, ska/bör and weight, text for the case), the
// form to add a requirement by hand, and the downloads.
#include <set>

#include "io/questionnaire.hpp"
#include "web/forms.hpp"
#include "web/stale_edit.hpp"
#include "domain/search_text.hpp"

namespace kk::web {
using nlohmann::json;
using namespace kk::domain;

namespace {
bool active(const json& e) { return e["status"] == "active"; }
}  // namespace

namespace {
// A requirement's own wording, kind and weight in this case, merged field by field after a stale save.
const std::vector<std::string> entry_edit_fields = {"kind", "weight", "case_text"};

// What the filter searches in an entry: its id, area, text and the case's own wording.
std::string searchable(const json& e) {
  return e.value("requirement_id", "") + " " + e.value("area_name", "") + " " + e.value("ska_text", "") + " " +
         (e.contains("case_text") && e["case_text"].is_string() ? e["case_text"].get<std::string>() : "");
}
}  // namespace

void WebApp::register_specification_pages() {
  auto& r = router_;

  auto spec_page = [this](RequestContext& ctx, const std::string& id, const json& problem, int status) {
    auto c = cases_.summary(ctx.who(), id);
    if (!c) return error_page(ctx, c.error());
    auto spec = specifications_.get(ctx.who(), id);
    if (!spec) return error_page(ctx, spec.error());
    bool can_edit = app::allowed(ctx.who(), app::Permission::edit_specification) && (*c)["status"] == "open";
    bool frozen = (*spec)["frozen"].get<bool>();

    auto decorate = [&](json e) {
      e["kind_label"] = message(ctx, "enum.requirement_kind." + e["kind"].get<std::string>());
      e["status_label"] = message(ctx, "enum.entry_status." + e["status"].get<std::string>());
      e["is_bor"] = e["kind"] == "bor";
      e["is_active"] = active(e);
      e["is_struck"] = e["status"] == "struck";
      e["needs_decision"] = frozen || e["locked"].get<bool>();
      json verification = json::array();
      if (e.contains("verification"))
        for (const auto& v : e["verification"]) verification.push_back(message(ctx, "enum.verification." + v.get<std::string>()));
      e["verification_labels"] = verification;
      e["kind_options"] = json::array({{{"value", "ska"}, {"label", message(ctx, "enum.requirement_kind.ska")}, {"selected", e["kind"] == "ska"}},
                                       {{"value", "bor"}, {"label", message(ctx, "enum.requirement_kind.bor")}, {"selected", e["kind"] == "bor"}}});
      bool refused_here = problem.value("entry", "") == e["requirement_id"];
      if (refused_here) e["error"] = problem["message"];
      prepare_stale_edit(e, entry_edit_fields, refused_here ? problem.value("merge", json()) : json());
      for (auto& o : e["kind_options"]) o["selected"] = o["value"] == e["form"]["kind"];
      return e;
    };

    // Group the entries in the documents (active and struck) by placement, then area; with a
    // filter (?q=), only those holding every word of it.
    std::string query = ctx.req.query_param("q").value_or("");
    json placements = json::array(), left_out = json::array();
    int ska = 0, bor = 0, listed = 0, shown = 0;
    std::set<std::string> in_spec;
    for (const auto& raw : (*spec)["entries"]) {
      in_spec.insert(raw["requirement_id"].get<std::string>());
      json e = decorate(raw);
      if (e["status"] == "declined" || e["status"] == "removed") {
        left_out.push_back(e);
        continue;
      }
      if (active(e)) (e["kind"] == "ska" ? ska : bor)++;
      ++listed;
      if (!matches_search(searchable(e), query)) continue;
      ++shown;
      std::string placement = e.value("placement", "object");
      if (placements.empty() || placements.back()["key"] != placement)
        placements.push_back({{"key", placement}, {"name", message(ctx, "enum.placement." + placement)}, {"areas", json::array()}});
      json& areas = placements.back()["areas"];
      if (areas.empty() || areas.back()["key"] != e["area"])
        areas.push_back({{"key", e["area"]}, {"name", e["area_name"]}, {"entries", json::array()}});
      areas.back()["entries"].push_back(e);
    }
    json filter = {{"query", query}, {"count_text", ""}};
    if (!query.empty())
      filter["count_text"] = message(ctx, "ui.spec.filter_count", {{"shown", std::to_string(shown)}, {"total", std::to_string(listed)}});
    json proposal_add = json::array(), proposal_remove = json::array();
    for (const auto& e : (*spec)["proposal"]["add"]) proposal_add.push_back(decorate(e));
    for (const auto& e : (*spec)["proposal"]["remove"]) proposal_remove.push_back(decorate(e));

    json findings = json::array();
    for (auto f : (*spec)["findings"]) {
      f["severity_label"] = message(ctx, "enum.severity." + f["severity"].get<std::string>());
      f["css"] = f["severity"] == "block" ? "error-summary" : f["severity"] == "warning" ? "warning" : "notice";
      f["blocks_gate_label"] = gate_label(*this, ctx, f["blocks_gate"]);
      findings.push_back(f);
    }
    // Requirements of the catalogue not in the specification, for adding by hand.
    json addable = json::array();
    auto catalogue = specifications_.catalogue_of(ctx.who(), id);
    if (!catalogue) return error_page(ctx, catalogue.error());
    for (const auto& req : (*catalogue)->requirements)
      if (!in_spec.count(req.id) && !req.withdrawn) {
        std::string label = req.id + " – " + req.ska_text;
        if (label.size() > 110) {
          std::size_t cut = 107;
          while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;  // whole letters only
          label = label.substr(0, cut) + "…";
        }
        addable.push_back({{"value", req.id}, {"label", label}});
      }
    json formats = json::array();
    for (const char* f : {"docx", "xlsx", "pdf", "csv", "md", "json"})
      formats.push_back({{"ext", f}, {"label", message(ctx, std::string("ui.spec.download_") + f)}});
    return page(ctx, "specification",
                {{"nav", "cases"},
                 {"title", message(ctx, "ui.spec.title") + " – " + (*c)["registry_number"].get<std::string>()},
                 {"case", *c},
                 {"spec", *spec},
                 {"placements", placements},
                 {"has_entries", listed > 0},
                 {"filter", filter},
                 {"left_out", left_out},
                 {"proposal_add", proposal_add},
                 {"proposal_remove", proposal_remove},
                 {"has_proposal", !proposal_add.empty() || !proposal_remove.empty()},
                 {"upgrade", (*spec)["upgrade_available"]},
                 {"findings", findings},
                 {"addable", addable},
                 {"formats", formats},
                 {"ska_count", ska},
                 {"bor_count", bor},
                 {"can_edit", can_edit},
                 {"frozen", frozen},
                 {"problem", problem}},
                status);
  };

  r.add("GET", "/cases/{id}/specification", [spec_page](RequestContext& ctx) {
    return spec_page(ctx, ctx.param("id"), json::object(), 200);
  });

  // The questions one group at a time, as tables to copy into a tender platform's editor.
  r.add("GET", "/cases/{id}/specification/questionnaire", [this](RequestContext& ctx) {
    const std::string id = ctx.param("id");
    auto c = cases_.summary(ctx.who(), id);
    if (!c) return error_page(ctx, c.error());
    auto doc = specifications_.document(ctx.who(), id);
    if (!doc) return error_page(ctx, doc.error());
    json groups = json::array();
    std::size_t n = 0;
    for (const auto& g : io::questionnaire_groups(*doc)) {
      json rows = json::array();
      for (const auto& row : g.table.rows) rows.push_back(row);
      groups.push_back({{"title", g.title}, {"number", ++n}, {"headers", g.table.headers}, {"rows", rows}});
    }
    return page(ctx, "questionnaire",
                {{"nav", "cases"},
                 {"title", message(ctx, "ui.questionnaire.title") + " – " + (*c)["registry_number"].get<std::string>()},
                 {"case", *c},
                 {"groups", groups}});
  });

  // After a form: back to the requirement, or the page again with the message at the form.
  auto done = [this, spec_page](RequestContext& ctx, const std::string& anchor, const json& echo, const Result<json>& result) {
    return form_outcome(ctx, "/cases/" + ctx.param("id") + "/specification", anchor, echo, result, spec_page);
  };


  r.add("POST", "/cases/{id}/specification/entries/{entry}", [this, done](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, {{"version", FieldKind::integer}, {"reason", FieldKind::text},
                                    {"decision", FieldKind::text}});
    std::string action = form.get("action");
    if (action == "strike") body["status"] = "struck";
    else if (action == "reinstate") body["status"] = "active";
    else {
      json more = form_to_json(form, {{"kind", FieldKind::text}, {"weight", FieldKind::integer}, {"case_text", FieldKind::text}});
      if (more.value("kind", "") != "bor") more.erase("weight");
      body.update(more);
    }
    const std::string& entry = ctx.param("entry");
    auto saved = specifications_.edit_entry(ctx.who(), ctx.param("id"), entry, body);
    json echo = {{"entry", entry}};
    if (!saved && action == "change") {
      auto merge = stale_edit_form(*this, ctx, entry_edit_fields, {{"kind", "requirement_kind"}});
      echo["merge"] = stale_edit_echo(merge, saved.error(), form.get("_base"), body);
    }
    return done(ctx, "req-" + entry, echo, saved);
  });

  r.add("POST", "/cases/{id}/specification/entries", [this, done](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"requirement_id", FieldKind::text}, {"reason", FieldKind::text},
                                                    {"decision", FieldKind::text}});
    if (body.value("decision", "").empty()) body.erase("decision");
    return done(ctx, "add", json{{"add", true}}, specifications_.add_entry(ctx.who(), ctx.param("id"), body));
  });

  r.add("POST", "/cases/{id}/specification/upgrade", [this, done](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"version", FieldKind::integer}, {"decision", FieldKind::text}});
    return done(ctx, "proposal", json{{"upgrade", true}}, specifications_.upgrade(ctx.who(), ctx.param("id"), body));
  });

  r.add("POST", "/cases/{id}/specification/proposal", [this, done](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, {{"version", FieldKind::integer}, {"decision", FieldKind::text}});
    json apply = json::array(), decline = json::array();
    // One radio group per proposed change: choice_<id> = apply | decline | (nothing: later).
    for (const auto& [key, value] : form.values)
      if (key.rfind("choice_", 0) == 0) {
        if (value == "apply") apply.push_back(key.substr(7));
        if (value == "decline") decline.push_back(key.substr(7));
      }
    body["apply"] = apply;
    body["decline"] = decline;
    return done(ctx, "proposal", json{{"proposal", true}}, specifications_.resolve_proposal(ctx.who(), ctx.param("id"), body));
  });
}

}  // namespace kk::web
