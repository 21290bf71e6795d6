// A tender's pages: as its supplier answers it (the form, the answer matrix, evidence) and as
// the buying organisation reads and judges it; and a supplier user's list of its tenders.
#include <algorithm>

#include "web/tender_pages.hpp"

namespace kk::web::tender_pages {
using nlohmann::json;
using namespace kk::domain;

std::string trimmed(const std::string& s) {
  auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
}

// What a refused form echoes: the values typed, which form it was, and the message at its field.
json refused(const WebApp& app, const RequestContext& ctx, const std::string& form, json echo,
             const Result<json>& result) {
  if (result) return echo;
  echo["form"] = form;
  echo["errors"] = form_errors(app, ctx, result.error())["fields"];
  return echo;
}

namespace {
std::string part_text(const std::map<std::string, FormPart>& parts, const std::string& name) {
  auto it = parts.find(name);
  return it == parts.end() ? std::string() : it->second.bytes;
}

// The value of a json field as text (numbers written out), or "" when absent or null.
std::string as_text(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return "";
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}
}  // namespace

// A tender: answered by its supplier's users, read (and judged) by the buying organisation.
void register_tender_answer_pages(Router& r, WebApp& app, Services s) {
  r.add("GET", "/tenders", [&app, s](RequestContext& ctx) {
    auto mine = s.tenders.mine(ctx.who());
    if (!mine) return app.error_page(ctx, mine.error());
    json items = json::array();
    for (auto item : (*mine)["items"]) {
      item["status_label"] = enum_label(app, ctx, "tender_status", item["status"].get<std::string>());
      items.push_back(item);
    }
    return app.page(ctx, "my_tenders", {{"nav", "tenders"},
                                        {"title", app.message(ctx, "ui.tenders.my_title")}, {"items", items}});
  });

  // `problem` is the refused form: for the answers, what was typed per requirement
  // (`answers`), the requirement and field the message belongs to; for the matrix, its rows.
  auto tender_page = [&app, s](RequestContext& ctx, const std::string& id, const json& problem, int status) {
    auto got = s.tenders.get(ctx.who(), id);
    if (!got) return app.error_page(ctx, got.error());
    json t = *got;
    bool own = ctx.who().user.is_supplier();  // a supplier's user reads only its own tender
    const json posted = problem.value("answers", json::object());
    json requirements = json::array(), files = json::array(), file_options = json::array();
    for (auto req : t["requirements"]) {
      const std::string rid = req["id"];
      json answer = req.value("answer", json());
      if (!answer.is_object()) answer = json::object();
      json shown = posted.contains(rid) ? posted[rid] : answer;
      bool other_way = false;
      for (auto& c : req["choices"]) {
        c["selected"] = shown.value("choice", json()) == c["value"];
        other_way = other_way || c["value"] == "other_way";
      }
      req["free_text"] = req["choices"].empty();
      req["takes_value"] = req["choices"].empty() || other_way;
      req["shown"] = shown;
      req["errors"] = json::object();
      if (problem.value("requirement", "") == rid)
        req["errors"][problem.value("requirement_field", "")] = problem.value("message", "");
      if (answer.contains("choice") && answer["choice"].is_string())
        req["choice_label"] = enum_label(app, ctx, "answer_choice", answer["choice"].get<std::string>());
      if (req.contains("outcome"))
        req["outcome_label"] = enum_label(app, ctx, "answer_outcome", req["outcome"].get<std::string>());
      const json& judgement = req.value("judgement", json());
      std::string met = judgement.is_object() ? (judgement["met"].get<bool>() ? "true" : "false") : "";
      req["met_options"] = json::array(
          {{{"value", ""}, {"label", app.message(ctx, "ui.unknown")}, {"selected", met.empty()}},
           {{"value", "true"}, {"label", app.message(ctx, "ui.yes")}, {"selected", met == "true"}},
           {{"value", "false"}, {"label", app.message(ctx, "ui.no")}, {"selected", met == "false"}}});
      for (auto f : req.value("files", json::array())) {
        f["requirement_number"] = req["number"];
        files.push_back(f);
      }
      file_options.push_back({{"value", rid}, {"label", req["number"].get<std::string>() + " " + rid}});
      requirements.push_back(req);
    }
    json errors = problem.value("requirement", "").empty() ? problem.value("errors", json::object()) : json::object();
    std::string title = t["supplier_name"].get<std::string>() + " – " + t["case"]["registry_number"].get<std::string>();
    return app.page(ctx, "tender",
                    {{"nav", own ? "tenders" : "cases"}, {"title", title}, {"tender", t},
                     {"price_text", swedish_number(t.value("price_sek", json()))},
                     {"own", own}, {"requirements", requirements}, {"files", files}, {"file_options", file_options},
                     {"status_label", enum_label(app, ctx, "tender_status", t["status"].get<std::string>())},
                     {"service", problem.contains("service") ? problem["service"] : t.value("service", json())},
                     {"price", problem.contains("price_sek") ? as_text(problem, "price_sek") : as_text(t, "price_sek")},
                     {"errors", errors}, {"problem", problem}},
                    status);
  };
  auto done = [&app, tender_page](RequestContext& ctx, const std::string& anchor, json echo, const Result<json>& result) {
    if (!result) echo["errors"] = form_errors(app, ctx, result.error())["fields"];
    return app.form_outcome(ctx, "/tenders/" + ctx.param("id"), anchor, echo, result, tender_page);
  };

  r.add("GET", "/tenders/{id}", [tender_page](RequestContext& ctx) {
    return tender_page(ctx, ctx.param("id"), json::object(), 200);
  });

  // Every requirement of the form is sent, so a cleared answer is removed.
  r.add("POST", "/tenders/{id}", [s, done](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, {{"version", FieldKind::integer}, {"service", FieldKind::text},
                                    {"price_sek", FieldKind::integer}});
    json answers = json::array(), typed = json::object();
    for (const auto& rid : form.all("requirement")) {
      json a = {{"requirement_id", rid}, {"comment", form.get("comment." + rid)}, {"secret", form.has("secret." + rid)},
                {"secrecy_reason", form.get("secrecy_reason." + rid)}};
      if (form.has("choice." + rid)) a["choice"] = form.get("choice." + rid).empty() ? json() : json(form.get("choice." + rid));
      if (form.has("value." + rid)) a["value"] = form.get("value." + rid);
      typed[rid] = a;
      answers.push_back(std::move(a));
    }
    body["answers"] = answers;
    auto saved = s.tenders.save(ctx.who(), ctx.param("id"), body);
    json echo = {{"answers", typed}, {"service", form.get("service")}, {"price_sek", form.get("price_sek")}};
    std::string anchor = "answers";
    if (!saved && saved.error().field.rfind("answers[", 0) == 0) {
      // answers[3].choice: the message goes to that requirement's field.
      const std::string& field = saved.error().field;
      std::size_t index = std::stoul(field.substr(8));
      auto dot = field.find('.');
      if (index < answers.size()) {
        echo["requirement"] = answers[index]["requirement_id"];
        echo["requirement_field"] = dot == std::string::npos ? "choice" : field.substr(dot + 1);
        anchor = "req-" + answers[index]["requirement_id"].get<std::string>();
      }
    } else if (!saved && !saved.error().field.empty()) {
      anchor = saved.error().field;
    }
    return done(ctx, anchor, echo, saved);
  });
  r.add("POST", "/tenders/{id}/submit", [s, done](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"version", FieldKind::integer}});
    auto submitted = s.tenders.submit(ctx.who(), ctx.param("id"), body);
    // A missing price is shown at the price field; anything else at the button.
    bool at_price = !submitted && submitted.error().field == "price_sek";
    return done(ctx, at_price ? "price_sek" : "submit", json::object(), submitted);
  });
  r.add("POST", "/tenders/{id}/matrix", [s, done](RequestContext& ctx) {
    auto imported = s.tenders.import_matrix(ctx.who(), ctx.param("id"), part_text(ctx.parts(), "file"));
    json echo = json::object();
    if (!imported)
      if (auto it = imported.error().params.find("problems"); it != imported.error().params.end())
        echo["problems"] = json::parse(it->second, nullptr, false);
    return done(ctx, "matrix", echo, imported);
  });
  r.add("POST", "/tenders/{id}/files", [s, done](RequestContext& ctx) {
    const auto& parts = ctx.parts();
    const FormPart file = parts.count("file") ? parts.at("file") : FormPart{};
    return done(ctx, "evidence", json::object(),
                s.tenders.add_file(ctx.who(), ctx.param("id"), part_text(parts, "requirement_id"), file.file_name, file.bytes));
  });
  r.add("POST", "/tenders/{id}/files/{file_id}/delete", [s, done](RequestContext& ctx) {
    return done(ctx, "evidence", json::object(), s.tenders.remove_file(ctx.who(), ctx.param("id"), ctx.param("file_id")));
  });
  r.add("POST", "/tenders/{id}/judgements/{requirement_id}", [s, done](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"met", FieldKind::tri_state}, {"reasoning", FieldKind::text}});
    if (!body.contains("met")) body["met"] = nullptr;
    const std::string& rid = ctx.param("requirement_id");
    auto judged = s.tenders.judge(ctx.who(), ctx.param("id"), rid, body);
    json echo = {{"requirement", rid}, {"requirement_field", "judgement"}};
    return done(ctx, "req-" + rid, echo, judged);
  });
}

}  // namespace kk::web::tender_pages

namespace kk::web {

void WebApp::register_tender_pages() {
  tender_pages::Services services{suppliers_, tenders_, cases_, specifications_};
  tender_pages::register_supplier_pages(router_, *this, services);
  tender_pages::register_case_tender_pages(router_, *this, services);
  tender_pages::register_tender_answer_pages(router_, *this, services);
}

}  // namespace kk::web
