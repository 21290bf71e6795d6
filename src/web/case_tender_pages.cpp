// A case's tendering page: the evaluation model and group, invitations, the opening, the
// comparison of the tenders and the award.
#include <algorithm>

#include "web/tender_pages.hpp"

namespace kk::web::tender_pages {
using nlohmann::json;
using namespace kk::domain;

// A case's tendering as the buying organisation runs it.
void register_case_tender_pages(Router& r, WebApp& app, Services s) {
  // `problem` is the refused form; `invited` the answer of an invitation just made, with the
  // new user's password, which is shown this once.
  auto tendering_page = [&app, s](RequestContext& ctx, const std::string& id, const json& problem, int status,
                                  const json& invited = json()) {
    auto c = s.cases.get(ctx.who(), id);
    if (!c) return app.error_page(ctx, c.error());
    auto listed = s.tenders.list(ctx.who(), id);
    if (!listed) return app.error_page(ctx, listed.error());
    const json& t = *listed;
    const std::string form = problem.value("form", "");
    bool open = (*c)["status"] == "open";
    bool can_manage = app::allowed(ctx.who(), app::Permission::manage_tenders) && open;

    // The model: its method, and a kronor amount per active bör-krav for a price deduction.
    const json& model = t["evaluation_model"];
    std::string method = form == "model" ? problem.value("method", "points")
                                         : model.is_object() ? model["method"].get<std::string>() : "points";
    json bor = json::array(), model_deductions = json::array();
    if (auto spec = s.specifications.get(ctx.who(), id))
      for (const auto& e : (*spec)["entries"]) {
        if (e["kind"] != "bor" || e["status"] != "active") continue;
        std::string req = e["requirement_id"];
        json amount = form == "model" ? problem.value("deductions", json::object()).value(req, json())
                      : model.is_object() && model["deductions"].contains(req) ? model["deductions"][req]
                                                                                : json();
        std::string shown = amount.is_null() ? "" : amount.is_string() ? amount.get<std::string>() : amount.dump();
        json row = {{"id", req}, {"text", e.value("ska_text", "")}, {"amount", shown}};
        if (form == "model" && problem.value("field", "") == "deductions." + req) row["error"] = problem.value("message", "");
        bor.push_back(row);
        if (!shown.empty() && method == "price_deduction") model_deductions.push_back(row);
      }

    json chosen = json::array();
    for (const auto& m : t["evaluation_group"]) chosen.push_back(m["user_id"]);
    json team = json::array();
    for (const auto& m : (*c)["team"]) {
      bool in = std::find(chosen.begin(), chosen.end(), m["user_id"]) != chosen.end();
      team.push_back({{"value", m["user_id"]}, {"label", m["display_name"]}, {"checked", in}});
    }

    json supplier_options = json::array();
    if (auto list = s.suppliers.list(ctx.who(), app::Page{-1, 0}))
      for (const auto& sup : (*list)["items"])
        supplier_options.push_back({{"value", sup["id"]}, {"label", sup["name"]},
                                    {"selected", form == "invite" && problem.value("supplier_id", "") == sup["id"]}});

    json tenders = json::array();
    std::map<std::string, std::string> supplier_names;
    for (auto tender : t["tenders"]) {
      tender["status_label"] = enum_label(app, ctx, "tender_status", tender["status"].get<std::string>());
      supplier_names[tender["id"]] = tender["supplier_name"];
      tenders.push_back(tender);
    }

    // The comparison, once the reader may see the contents.
    json rows = json::array(), award_options = json::array();
    bool deduction = method == "price_deduction";
    if (t["sees_contents"].get<bool>())
      if (auto ev = s.tenders.evaluation(ctx.who(), id)) {
        deduction = (*ev)["model"]["method"] == "price_deduction";
        for (auto row : (*ev)["tenders"]) {
          std::string result;
          if (row["disqualified"].get<bool>()) result = app.message(ctx, "ui.evaluation.disqualified");
          else if (!row["complete"].get<bool>())
            result = app.message(ctx, "ui.evaluation.to_judge", {{"count", std::to_string(row["to_judge"].size())}});
          else result = app.message(ctx, "ui.evaluation.rank", {{"rank", std::to_string(row["rank"].get<int>())}});
          row["result"] = result;
          for (const char* figure : {"price_sek", "deduction_sek", "comparison_price_sek", "points", "max_points"})
            row[std::string(figure) + "_text"] = swedish_number(row.value(figure, json()));
          rows.push_back(row);
          // The tender the model ranks first is proposed unless another was just chosen.
          std::string chosen = problem.value("tender_id", "");
          award_options.push_back({{"value", row["tender_id"]}, {"label", row["supplier_name"]},
                                   {"selected", chosen.empty() ? row["rank"] == 1 : chosen == row["tender_id"]}});
        }
      }
    json award = t["award"];
    if (award.is_object()) {
      award["supplier_name"] = supplier_names[award["tender_id"].get<std::string>()];
      award["notice_label"] = enum_label(app, ctx, "notice_method", award["notice"].get<std::string>());
    }
    bool receives = t["receives_tenders"].get<bool>();
    bool may_invite = can_manage && receives && t["documents_approved"].get<bool>() && t["deadline"].is_string() &&
                      !t["deadline_passed"].get<bool>();
    bool can_decide = open && app::allowed(ctx.who(), app::Permission::decide_prepare);
    json errors = json::object();
    if (!form.empty()) errors[form] = problem.value("errors", json::object());
    return app.page(ctx, "tenders",
                    {{"nav", "cases"},
                     {"title", app.message(ctx, "ui.tenders.title") + " – " + (*c)["registry_number"].get<std::string>()},
                     {"case", *c},
                     {"tendering", t},
                     {"receives", receives},
                     {"method_label", enum_label(app, ctx, "evaluation_method", method)},
                     {"method_options", enum_options<EvaluationMethod>(app, ctx, "evaluation_method", method)},
                     {"bor", bor},
                     {"model_deductions", model_deductions},
                     {"may_set_model", can_manage && receives && !t["documents_approved"].get<bool>()},
                     {"team", team},
                     {"may_set_group", can_manage && receives && !award.is_object()},
                     {"supplier_options", supplier_options},
                     {"may_invite", may_invite},
                     {"invited", invited},
                     {"tenders", tenders},
                     {"may_open", can_manage && t["deadline_passed"].get<bool>() && t["opened"].is_null()},
                     {"rows", rows},
                     {"deduction", deduction},
                     {"award", award},
                     {"award_options", award_options},
                     {"notice_options", enum_options<app::NoticeMethod>(app, ctx, "notice_method",
                                                                        problem.value("notice", "electronic"))},
                     {"may_award", can_decide && !award.is_object() && !award_options.empty()},
                     {"errors", errors},
                     {"problem", problem}},
                    status);
  };
  auto redraw = [tendering_page](RequestContext& ctx, const std::string& id, const json& problem, int status) {
    return tendering_page(ctx, id, problem, status);
  };
  auto done = [&app, redraw](RequestContext& ctx, const std::string& form, json echo, const Result<json>& result) {
    if (!result) echo["field"] = result.error().field;
    return app.form_outcome(ctx, "/cases/" + ctx.param("id") + "/tenders", form, refused(app, ctx, form, echo, result),
                            result, redraw);
  };

  r.add("GET", "/cases/{id}/tenders", [tendering_page](RequestContext& ctx) {
    return tendering_page(ctx, ctx.param("id"), json::object(), 200);
  });
  r.add("POST", "/cases/{id}/tenders/model", [s, done](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, {{"version", FieldKind::integer}, {"method", FieldKind::text}});
    // Amounts are fields "deduction.REQUIREMENT"; an empty one is no amount.
    json deductions = json::object();
    for (const auto& [name, value] : form.values) {
      if (name.rfind("deduction.", 0) != 0 || trimmed(value).empty()) continue;
      Form amount;
      amount.values.emplace("amount", trimmed(value));
      deductions[name.substr(10)] = form_to_json(amount, {{"amount", FieldKind::integer}})["amount"];
    }
    body["deductions"] = deductions;
    return done(ctx, "model", body, s.tenders.set_evaluation_model(ctx.who(), ctx.param("id"), body));
  });
  r.add("POST", "/cases/{id}/tenders/group", [s, done](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, {{"version", FieldKind::integer}});
    body["user_ids"] = form.all("user_ids");
    return done(ctx, "group", json::object(), s.tenders.set_evaluation_group(ctx.who(), ctx.param("id"), body));
  });
  r.add("POST", "/cases/{id}/tenders/invite", [s, tendering_page, done](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"supplier_id", FieldKind::text}, {"username", FieldKind::text},
                                                    {"display_name", FieldKind::text}});
    auto invited = s.tenders.invite(ctx.who(), ctx.param("id"), body);
    if (!invited) return done(ctx, "invite", body, invited);
    // Not a redirect: the generated password is on this answer and nowhere else.
    return tendering_page(ctx, ctx.param("id"), json::object(), 201, (*invited)["user"]);
  });
  r.add("POST", "/cases/{id}/tenders/opening", [s, done](RequestContext& ctx) {
    return done(ctx, "opening", json::object(), s.tenders.open(ctx.who(), ctx.param("id")));
  });
  r.add("POST", "/cases/{id}/tenders/award", [s, done](RequestContext& ctx) {
    json body = form_to_json(Form::parse(ctx.req), {{"tender_id", FieldKind::text}, {"notice", FieldKind::text},
                                                    {"rationale", FieldKind::text}});
    json decision = body;
    decision["gate"] = "award_decided";
    decision["outcome"] = "approved";
    return done(ctx, "award", body, s.cases.decide(ctx.who(), ctx.param("id"), decision));
  });
}

}  // namespace kk::web::tender_pages
