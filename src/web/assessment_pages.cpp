// The pages of what is recorded on a case besides its process: the guided forms, the
// governing documents, the framework agreement's calling-off organisations and the
// supplier's confirmations, each with its small form.
#include "app/case_records.hpp"
#include "web/forms.hpp"

namespace kk::web {
using nlohmann::json;
using namespace kk::domain;

void WebApp::register_assessment_pages() {
  auto& r = router_;
  using Register = app::RegisterService::Register;

  auto overview = [this](RequestContext& ctx, const std::string& id, const json& problem, int status) {
    auto c = cases_.summary(ctx.who(), id);
    if (!c) return error_page(ctx, c.error());
    auto forms = forms_.list(ctx.who(), id);
    auto documents = registers_.list(ctx.who(), id, Register::governing_documents);
    auto parties = registers_.list(ctx.who(), id, Register::framework_parties);
    auto confirmations = registers_.confirmations(ctx.who(), id);
    for (const auto* res : {&forms, &documents, &parties, &confirmations})
      if (!*res) return error_page(ctx, res->error());
    bool open = (*c)["status"] == "open";
    json form_items = (*forms)["items"];
    for (auto& f : form_items) {
      json shown = json::array();
      for (const auto& [fact, value] : f["facts"].items())
        shown.push_back(message(ctx, "fact." + fact) + ": " + (value.is_string() ? value.get<std::string>() : value.dump()));
      f["facts_list"] = shown;
    }
    json docs = (*documents)["items"];
    for (auto& d : docs) {
      d["origin_label"] = enum_label(*this, ctx, "document_origin", d.value("origin", ""));
      d["category_label"] = enum_label(*this, ctx, "document_category", d.value("category", ""));
    }
    json party_items = (*parties)["items"];
    for (auto& p : party_items) {
      std::string levels;
      for (auto aspect : enum_names(Aspect{}))
        if (p["levels"].contains(std::string(aspect)))
          levels += (levels.empty() ? "" : ", ") + message(ctx, "fact." + std::string(aspect)) + " " +
                    p["levels"][std::string(aspect)].dump();
      p["levels_text"] = levels;
    }
    json aspects = json::array();
    for (auto aspect : enum_names(Aspect{}))
      aspects.push_back({{"key", std::string(aspect)}, {"name", message(ctx, "fact." + std::string(aspect))}});
    return page(ctx, "assessments",
                {{"nav", "cases"},
                 {"title", message(ctx, "ui.assessments.title") + " – " + (*c)["registry_number"].get<std::string>()},
                 {"case", *c},
                 {"forms", form_items},
                 {"documents", docs},
                 {"origin_options", enum_options<app::DocumentOrigin>(*this, ctx, "document_origin", problem.value("origin", "internal"))},
                 {"category_options", enum_options<app::DocumentCategory>(*this, ctx, "document_category", problem.value("category", "policy"))},
                 {"is_framework", (*c)["kind"] == "framework_agreement"},
                 {"parties", party_items},
                 {"aspects", aspects},
                 {"confirmations", *confirmations},
                 {"can_assess", app::allowed(ctx.who(), app::Permission::record_assessments) && open},
                 {"can_confirm", app::allowed(ctx.who(), app::Permission::record_confirmations) && open},
                 {"problem", problem}},
                status);
  };

  r.add("GET", "/cases/{id}/assessments", [overview](RequestContext& ctx) {
    return overview(ctx, ctx.param("id"), json::object(), 200);
  });

  auto done = [this, overview](RequestContext& ctx, const std::string& anchor, const json& echo, const Result<json>& result) {
    return form_outcome(ctx, "/cases/" + ctx.param("id") + "/assessments", anchor, echo, result, overview);
  };


  r.add("POST", "/cases/{id}/governing-documents", [this, done](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"origin", FieldKind::text}, {"category", FieldKind::text},
                                                    {"title", FieldKind::text}, {"reference", FieldKind::text},
                                                    {"note", FieldKind::text}, {"excludes", FieldKind::checkbox}});
    return done(ctx, "documents", body, registers_.add(ctx.who(), ctx.param("id"), Register::governing_documents, body));
  });
  r.add("POST", "/cases/{id}/governing-documents/{document_id}/delete", [this, done](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"version", FieldKind::integer}});
    return done(ctx, "documents", json::object(),
                registers_.remove(ctx.who(), ctx.param("id"), Register::governing_documents, ctx.param("document_id"), body));
  });
  r.add("POST", "/cases/{id}/framework-parties", [this, done](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, {{"name", FieldKind::text}, {"note", FieldKind::text}});
    json levels = json::object();
    for (auto aspect : enum_names(Aspect{})) {
      std::string v = form.get("level_" + std::string(aspect));
      if (v.empty()) continue;
      try {
        levels[std::string(aspect)] = std::stoi(v);
      } catch (const std::exception&) {
        levels[std::string(aspect)] = v;  // refused by validation, naming the aspect
      }
    }
    body["levels"] = levels;
    return done(ctx, "parties", body, registers_.add(ctx.who(), ctx.param("id"), Register::framework_parties, body));
  });
  r.add("POST", "/cases/{id}/framework-parties/{party_id}/delete", [this, done](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"version", FieldKind::integer}});
    return done(ctx, "parties", json::object(),
                registers_.remove(ctx.who(), ctx.param("id"), Register::framework_parties, ctx.param("party_id"), body));
  });
  r.add("POST", "/cases/{id}/confirmations/{requirement_id}", [this, done](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"version", FieldKind::integer}, {"evidence", FieldKind::text},
                                                    {"document", FieldKind::text}});
    const std::string& req = ctx.param("requirement_id");
    return done(ctx, "confirm-" + req, json{{"requirement", req}},
                registers_.confirm(ctx.who(), ctx.param("id"), req, body));
  });

  // One guided form: every question that applies, with its answer and reasoning.
  auto form_page = [this](RequestContext& ctx, const json& problem, int status) {
    auto c = cases_.summary(ctx.who(), ctx.param("id"));
    if (!c) return error_page(ctx, c.error());
    auto form = forms_.get(ctx.who(), ctx.param("id"), ctx.param("form"));
    if (!form) return error_page(ctx, form.error());
    json f = *form;
    for (auto& s : f["sections"])
      for (auto& q : s["questions"]) {
        std::string value = q["answer"]["value"];
        json options = json::array();
        if (q["kind"] == "yes_no")
          for (const char* v : {"yes", "no"})
            options.push_back({{"key", v}, {"text", message(ctx, v == std::string("yes") ? "ui.yes" : "ui.no")}});
        else
          options = q["options"];
        for (auto& o : options) {
          o["checked"] = o["key"] == value;
          o["question"] = q["key"];  // the template cannot reach the enclosing question
        }
        q["choices"] = options;
        q["is_text"] = q["kind"] == "text";
        if (problem.value("question", "") == q["key"]) q["error"] = problem["message"];
      }
    return page(ctx, "guided_form",
                {{"nav", "cases"},
                 {"title", f["name"].get<std::string>() + " – " + (*c)["registry_number"].get<std::string>()},
                 {"case", *c},
                 {"form", f},
                 {"can_assess", app::allowed(ctx.who(), app::Permission::record_assessments) && (*c)["status"] == "open"},
                 {"problem", problem}},
                status);
  };
  r.add("GET", "/cases/{id}/forms/{form}", [form_page](RequestContext& ctx) { return form_page(ctx, json::object(), 200); });
  r.add("POST", "/cases/{id}/forms/{form}", [this, form_page](RequestContext& ctx) {
    Form posted = Form::parse(ctx.req);
    json answers = json::object();
    // Fields are answer.KEY and reasoning.KEY; a question left alone is not sent.
    for (const auto& [name, value] : posted.values) {
      if (name.rfind("answer.", 0) == 0) answers[name.substr(7)]["value"] = value;
      if (name.rfind("reasoning.", 0) == 0) answers[name.substr(10)]["reasoning"] = value;
    }
    for (auto& [key, a] : answers.items()) {
      if (!a.contains("value")) a["value"] = "";
      if (!a.contains("reasoning")) a["reasoning"] = "";
    }
    json body = {{"answers", answers}, {"version", form_to_json(posted, {{"version", FieldKind::integer}})["version"]}};
    auto saved = forms_.save(ctx.who(), ctx.param("id"), ctx.param("form"), body);
    if (saved) return Response::redirect("/cases/" + ctx.param("id") + "/forms/" + ctx.param("form") + "#saved");
    const Error& e = saved.error();
    if (e.kind == ErrorKind::not_found) return error_page(ctx, e);
    std::string question = e.field.rfind("answers.", 0) == 0 ? e.field.substr(8, e.field.find('.', 8) - 8) : "";
    return form_page(ctx, json{{"message", error_message(ctx, e)}, {"question", question}}, http_status(e.kind));
  });
}

}  // namespace kk::web
