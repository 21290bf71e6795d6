// The pages of the realise step: the contracts, the follow-up dashboard (what is due and
// overdue, one's reminders and calendar feed), the contract made from the case page, and the
// contract's own page: terms, delivery checklist, follow-up plans and results, deviations,
// changes with their re-assessment and LOU checklist, the supplier's reports, agreements, exit
// and evidence. Every form posts to a page route that calls the same use case as the API.
#include <set>

#include "domain/contract_change.hpp"
#include "domain/contract_checks.hpp"
#include "domain/follow_up.hpp"
#include "web/forms.hpp"
#include "web/stale_edit.hpp"

namespace kk::web {
using nlohmann::json;
using namespace kk::domain;

namespace {
const FormSpec terms_spec = {{"version", FieldKind::integer},      {"supplier_id", FieldKind::text},
                             {"title", FieldKind::text},           {"starts_on", FieldKind::text},
                             {"ends_on", FieldKind::text},         {"expiry_alert_months", FieldKind::integer},
                             {"extension_options", FieldKind::text}, {"notice_months", FieldKind::integer},
                             {"governing_law", FieldKind::text},   {"penalties", FieldKind::text},
                             {"termination", FieldKind::text},     {"ownership_change", FieldKind::text},
                             {"force_majeure", FieldKind::text},   {"authority_assistance", FieldKind::text}};

json options_of(const json& users, const std::string& current) {
  json out = json::array();
  for (const auto& u : users)
    out.push_back({{"value", u["id"]}, {"label", u["display_name"]}, {"selected", u["id"] == current}});
  return out;
}

// One line per authority, as a person types them.
json lines(const std::string& text) {
  json out = json::array();
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) out.push_back(line);
    start = end + 1;
  }
  return out;
}

// The list again as the text area shows it, one per line.
std::string lines_text(const json& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : "\n") + item.get<std::string>();
  return out;
}

// The refused form's echo, at the item it belongs to: every item gets an (often empty) map, so
// a template never reads another item's form.
// A measure's follow-up plan as its form edits it, merged field by field after a stale save.
const std::vector<std::string> plan_edit_fields = {"responsibility", "lead",     "method",       "frequency",
                                                   "every_n_months", "evidence", "owner_user_id"};

json forms_for(const json& problem, const std::string& key) {
  json out = json::object();
  if (problem.value("key", "") == key && problem.contains("form")) out[problem["form"].get<std::string>()] = problem;
  return out;
}
}  // namespace

void WebApp::register_contract_pages() {
  auto& r = router_;

  r.add("GET", "/contracts", [this](RequestContext& ctx) {
    auto list = contracts_.list(ctx.who(), {}, page_number(ctx, 50));
    if (!list) return error_page(ctx, list.error());
    return page(ctx, "contracts", {{"nav", "contracts"}, {"title", message(ctx, "ui.contracts.title")},
                                   {"items", (*list)["items"]}, {"paging", pager(ctx, "/contracts", (*list)["page"])}});
  });

  // The follow-up dashboard; `feed` is a feed address just made, shown this once.
  auto dashboard = [this](RequestContext& ctx, const json& feed, int status) {
    // Two paged lists: the controls (?page=) and the person's reminders (?reminders=).
    std::string until = ctx.req.query_param("until").value_or("");
    auto due = contracts_.due(ctx.who(), until, page_number(ctx, 100));
    if (!due) return error_page(ctx, due.error());
    auto mine = reminders_.notifications(ctx.who(), true, page_number(ctx, 50, "reminders"));
    std::string path = until.empty() ? "/follow-ups" : "/follow-ups?until=" + until;
    json reminder_pager = mine ? pager(ctx, path, (*mine)["page"], "reminders") : json();
    auto has_feed = reminders_.feed_status(ctx.who());
    json overdue = json::array(), coming = json::array();
    for (auto item : (*due)["items"]) {
      item["responsibility"] = enum_label(*this, ctx, "responsibility", item["responsibility"].get<std::string>());
      (item["overdue"].get<bool>() ? overdue : coming).push_back(item);
    }
    return page(ctx, "follow_ups",
                {{"nav", "follow_ups"}, {"title", message(ctx, "ui.follow_ups.title")}, {"due", *due},
                 {"overdue", overdue}, {"coming", coming},
                 // Whether there are any at all, on this page or another.
                 {"has_overdue", (*due)["overdue"].get<std::int64_t>() > 0},
                 {"has_coming", (*due)["page"]["total"].get<std::int64_t>() > (*due)["overdue"].get<std::int64_t>()},
                 {"notifications", mine ? (*mine)["items"] : json::array()},
                 {"paging", pager(ctx, path, (*due)["page"])},
                 {"reminder_pager", reminder_pager.is_null() ? json(false) : json{{"paging", reminder_pager}}},
                 {"feed_active", has_feed && (*has_feed)["active"].get<bool>()}, {"feed", feed}},
                status);
  };
  r.add("GET", "/follow-ups", [dashboard](RequestContext& ctx) { return dashboard(ctx, json(), 200); });
  r.add("POST", "/follow-ups/feed", [this, dashboard](RequestContext& ctx) {
    auto made = reminders_.create_feed(ctx.who());
    if (!made) return error_page(ctx, made.error());
    std::string host = ctx.req.header("host");
    json feed = {{"url", (host.empty() ? "" : "http://" + host) + (*made)["path"].get<std::string>()}};
    return dashboard(ctx, feed, 200);
  });
  r.add("POST", "/follow-ups/feed/revoke", [this](RequestContext& ctx) {
    auto revoked = reminders_.revoke_feed(ctx.who(), ctx.who().user.id);
    if (!revoked) return error_page(ctx, revoked.error());
    return Response::redirect("/follow-ups#feed");
  });
  r.add("POST", "/follow-ups/notifications/{id}/read", [this](RequestContext& ctx) {
    auto read = reminders_.mark_read(ctx.who(), ctx.param("id"));
    if (!read) return error_page(ctx, read.error());
    return Response::redirect("/follow-ups#notifications");
  });

  // The contract of an awarded case, and later its terms: one form.
  auto terms_page = [this](RequestContext& ctx, const std::string& case_id, const std::string& contract_id,
                           const json& values, int status) {
    auto c = cases_.get(ctx.who(), case_id);
    if (!c) return error_page(ctx, c.error());
    json suppliers = json::array();
    if (auto list = suppliers_.list(ctx.who(), app::Page{-1, 0}))
      for (const auto& sup : (*list)["items"])
        suppliers.push_back({{"value", sup["id"]}, {"label", sup["name"]}, {"selected", values.value("supplier_id", "") == sup["id"]}});
    return page(ctx, "contract_form",
                {{"nav", "contracts"}, {"title", message(ctx, contract_id.empty() ? "ui.contracts.new" : "ui.contracts.edit_terms")},
                 {"case", *c}, {"contract_id", contract_id}, {"is_new", contract_id.empty()}, {"values", values},
                 {"suppliers", suppliers}, {"awarded_elsewhere", contract_id.empty()}},
                status);
  };
  auto terms_body = [](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, terms_spec);
    body["authorities"] = lines(form.get("authorities"));
    return body;
  };
  auto terms_refused = [this, terms_page](RequestContext& ctx, const std::string& case_id, const std::string& contract_id,
                                          json body, const domain::Error& e) {
    if (e.kind == ErrorKind::not_found || e.kind == ErrorKind::forbidden) return error_page(ctx, e);
    body["authorities_text"] = lines_text(body.value("authorities", json::array()));
    body["errors"] = form_errors(*this, ctx, e)["fields"];
    body["message"] = error_message(ctx, e);
    return terms_page(ctx, case_id, contract_id, body, http_status(e.kind));
  };
  r.add("GET", "/cases/{id}/contract/new", [terms_page](RequestContext& ctx) {
    return terms_page(ctx, ctx.param("id"), "", json{{"expiry_alert_months", 12}}, 200);
  });
  r.add("POST", "/cases/{id}/contract", [this, terms_body, terms_refused](RequestContext& ctx) {
    json body = terms_body(ctx);
    body.erase("version");
    if (body.value("supplier_id", "").empty()) body.erase("supplier_id");
    auto made = contracts_.create(ctx.who(), ctx.param("id"), body);
    if (!made) return terms_refused(ctx, ctx.param("id"), "", body, made.error());
    return Response::redirect("/contracts/" + (*made)["id"].get<std::string>());
  });
  r.add("GET", "/contracts/{id}/terms", [this, terms_page](RequestContext& ctx) {
    auto c = contracts_.get(ctx.who(), ctx.param("id"));
    if (!c) return error_page(ctx, c.error());
    json values = (*c)["terms"];
    values.update({{"version", (*c)["version"]}, {"title", (*c)["title"]}, {"starts_on", (*c)["starts_on"]},
                   {"ends_on", (*c)["ends_on"]}, {"expiry_alert_months", (*c)["expiry_alert_months"]}});
    values["authorities_text"] = lines_text(values.value("authorities", json::array()));
    return terms_page(ctx, (*c)["case_id"], ctx.param("id"), values, 200);
  });
  r.add("POST", "/contracts/{id}/terms", [this, terms_body, terms_refused](RequestContext& ctx) {
    auto c = contracts_.get(ctx.who(), ctx.param("id"));
    if (!c) return error_page(ctx, c.error());
    json body = terms_body(ctx);
    body.erase("supplier_id");
    auto saved = contracts_.update(ctx.who(), ctx.param("id"), body);
    if (!saved) return terms_refused(ctx, (*c)["case_id"], ctx.param("id"), body, saved.error());
    return Response::redirect("/contracts/" + ctx.param("id"));
  });

  // The contract's page. `problem` is the refused form: its name, the item it belongs to
  // (`key`), what was typed, the message and the field errors.
  auto contract_page = [this](RequestContext& ctx, const std::string& id, const json& problem, int status) {
    auto got = contracts_.get(ctx.who(), id);
    if (!got) return error_page(ctx, got.error());
    json c = *got;
    const auto& who = ctx.who();
    bool supplier = who.user.is_supplier();
    bool manage = app::allowed(who, app::Permission::manage_contracts);
    json users = json::array();
    if (!supplier)
      if (auto dir = accounts_.directory(who)) users = (*dir)["items"];

    std::map<std::string, json> delivery;
    if (c.contains("delivery"))
      for (const auto& d : c["delivery"]["items"]) delivery[d["measure_id"].get<std::string>()] = d;
    json measures = json::array();
    json delivery_open = json::array();  // what the form for many measures at once offers
    for (auto m : c["measures"]) {
      const std::string mid = m["id"];
      json plan = m["plan"];
      // The form's base is the stored plan; after a stale save the form shows the merged plan.
      bool refused_here = problem.value("key", "") == mid && problem.value("form", "") == "plan";
      json edit = plan;
      prepare_stale_edit(edit, plan_edit_fields, refused_here ? problem.value("merge", json()) : json());
      const json form = edit["form"];
      m["plan_base"] = edit["base"];
      if (edit.contains("merge")) m["merge"] = edit["merge"];
      m["label"] = m["requirement_id"].is_string() ? m["requirement_id"].get<std::string>() : message(ctx, "ui.contracts.our_obligation");
      m["kind_label"] = message(ctx, m["mandatory"].get<bool>() ? "ui.contracts.mandatory" : "ui.contracts.optional");
      m["plan_text"] = message(ctx, "ui.contracts.plan_text",
                               {{"responsibility", enum_label(*this, ctx, "responsibility", plan.value("responsibility", "supplier"))},
                                {"lead", enum_label(*this, ctx, "responsibility", plan.value("lead", "supplier"))},
                                {"method", enum_label(*this, ctx, "follow_up_method", plan.value("method", "self_assessment"))},
                                {"frequency", enum_label(*this, ctx, "follow_up_frequency", plan.value("frequency", "yearly"))}});
      auto text_or = [&form](const char* name, const char* otherwise) {
        return form.value(name, json()).is_string() ? form[name].get<std::string>() : std::string(otherwise);
      };
      m["responsibility_options"] = enum_options<Responsibility>(*this, ctx, "responsibility", text_or("responsibility", "supplier"));
      m["lead_options"] = enum_options<Responsibility>(*this, ctx, "responsibility", text_or("lead", "supplier"));
      m["method_options"] = enum_options<FollowUpMethod>(*this, ctx, "follow_up_method", text_or("method", "self_assessment"));
      m["frequency_options"] = enum_options<FollowUpFrequency>(*this, ctx, "follow_up_frequency", text_or("frequency", "yearly"));
      m["owner_options"] = options_of(users, text_or("owner_user_id", ""));
      m["evidence_expected"] = text_or("evidence", "");
      m["every_n_months"] = form.value("every_n_months", json());
      // Due dates to record against: the overdue ones, then the next.
      json due_options = json::array();
      for (const auto& d : m["overdue"]) due_options.push_back({{"value", d}, {"label", d.get<std::string>() + " (" + message(ctx, "ui.contracts.overdue") + ")"}});
      if (m["next_due"].is_string()) due_options.push_back({{"value", m["next_due"]}, {"label", m["next_due"]}});
      m["due_options"] = due_options;
      m["has_overdue"] = !m["overdue"].empty();
      for (auto& rec : m["records"]) rec["result_label"] = enum_label(*this, ctx, "follow_up_result", rec["result"].get<std::string>());
      if (delivery.count(mid)) {
        json d = delivery[mid];
        d["state_label"] = enum_label(*this, ctx, "delivery_state", d["state"].get<std::string>());
        d["state_options"] = enum_options<DeliveryState>(*this, ctx, "delivery_state", d["state"].get<std::string>());
        if (d["state"] == "open")
          delivery_open.push_back({{"id", mid}, {"label", m["label"]}, {"kind_label", m["kind_label"]},
                                   {"version", d["version"]}});
        m["delivery"] = d;
      }
      m["mforms"] = forms_for(problem, mid);
      measures.push_back(std::move(m));
    }
    c["measures"] = measures;
    for (auto& d : c["deviations"]) {
      d["owner_name"] = "";
      for (const auto& u : users)
        if (u["id"] == d["owner_user_id"]) d["owner_name"] = u["display_name"];
      d["open"] = d["status"] == "open";
      d["dforms"] = forms_for(problem, d["id"].get<std::string>());
    }
    if (c.contains("changes"))
      for (auto& ch : c["changes"]) {
        ch["kind_label"] = enum_label(*this, ctx, "change_kind", ch["kind"].get<std::string>());
        ch["open"] = ch["reassessment"].value("status", "") == "open";
        json questions = json::array();
        json answers = ch["lou"].is_object() ? ch["lou"].value("answers", json::object()) : json::object();
        for (auto q : enum_names(ChangeQuestion{})) {
          std::string key(q);
          json a = answers.value(key, json());
          questions.push_back({{"key", key}, {"text", enum_label(*this, ctx, "change_question", key)},
                               {"yes", a.is_boolean() && a.get<bool>()}, {"no", a.is_boolean() && !a.get<bool>()},
                               {"unanswered", !a.is_boolean()}});
        }
        ch["questions"] = questions;
        if (ch["lou"].is_object())
          ch["verdict_label"] = enum_label(*this, ctx, "change_verdict", ch["lou"].value("verdict", "incomplete"));
        ch["cforms"] = forms_for(problem, ch["id"].get<std::string>());
      }
    if (c.contains("exit"))
      for (auto& x : c["exit"]["checks"]) {
        x["state_label"] = enum_label(*this, ctx, "exit_check_state", x["state"].get<std::string>());
        json options = json::array();
        for (auto s : enum_names(ExitCheckState{}))
          if (s != "not_applicable" || x["may_not_apply"].get<bool>())
            options.push_back({{"value", std::string(s)}, {"label", enum_label(*this, ctx, "exit_check_state", s)},
                               {"selected", x["state"] == s}});
        x["state_options"] = options;
        x["xforms"] = forms_for(problem, x["check"].get<std::string>());
      }
    // What evidence can be attached to: the follow-up records and the rest of the contract's life.
    json subjects = json::array();
    auto subject = [&](const std::string& value, const std::string& label) { subjects.push_back({{"value", value}, {"label", label}}); };
    if (supplier) {
      for (const auto& a : c["self_assessments"]) subject("self_assessment:" + a["id"].get<std::string>(), message(ctx, "ui.contracts.self_assessment_of", {{"date", a.value("due_on", json()).is_string() ? a["due_on"].get<std::string>() : a["created_at"].get<std::string>().substr(0, 10)}}));
      for (const auto& i : c["incidents"]) subject("incident:" + i["id"].get<std::string>(), message(ctx, "ui.contracts.incident_of", {{"date", i["occurred_on"]}}));
    } else {
      for (const auto& m : measures) {
        subject("delivery_check:" + m["id"].get<std::string>(), message(ctx, "ui.contracts.delivery_of", {{"measure", m["label"]}}));
        for (const auto& rec : m["records"])
          subject("record:" + rec["id"].get<std::string>(),
                  message(ctx, "ui.contracts.record_of", {{"measure", m["label"]}, {"date", rec["due_on"].is_string() ? rec["due_on"].get<std::string>() : rec["recorded_at"].get<std::string>().substr(0, 10)}}));
      }
      for (const auto& d : c["deviations"]) subject("deviation:" + d["id"].get<std::string>(), message(ctx, "ui.contracts.deviation_of", {{"date", d["deadline"]}}));
      for (const auto& ch : c["changes"]) subject("change:" + ch["id"].get<std::string>(), ch["kind_label"].get<std::string>());
      for (const auto& x : c["exit"]["checks"]) subject("exit_check:" + x["check"].get<std::string>(), x["name"].get<std::string>());
      for (const auto& i : c["incidents"]) subject("incident:" + i["id"].get<std::string>(), message(ctx, "ui.contracts.incident_of", {{"date", i["occurred_on"]}}));
    }
    json top = forms_for(problem, "");
    bool open_case = true;
    if (!supplier)
      if (auto k = cases_.summary(who, c["case_id"].get<std::string>())) open_case = (*k)["status"] == "open";
    return page(ctx, "contract",
                {{"nav", supplier ? "tenders" : "contracts"}, {"title", c["title"]}, {"contract", c},
                 {"supplier_view", supplier}, {"can_manage", manage && !supplier && open_case},
                 {"can_except", app::allowed(who, app::Permission::decide_exceptions) && open_case},
                 {"user_options", options_of(users, "")}, {"subjects", subjects}, {"has_subjects", !subjects.empty()},
                 {"change_kinds", enum_options<ChangeKind>(*this, ctx, "change_kind", top.contains("change") ? top["change"].value("kind", "") : "")},
                 {"hosting_options", enum_options<HostingLocation>(*this, ctx, "hosting_location", "")},
                 {"frequency_options", enum_options<FollowUpFrequency>(*this, ctx, "follow_up_frequency", "yearly")},
                 {"delivery_model_options", enum_options<DeliveryModel>(*this, ctx, "delivery_model", "")},
                 {"delivery_open", delivery_open}, {"delivery_open_any", !delivery_open.empty()},
                 {"delivery_many_states", json::array({
                     json{{"value", "verified"}, {"label", enum_label(*this, ctx, "delivery_state", "verified")}},
                     json{{"value", "not_verified"}, {"label", enum_label(*this, ctx, "delivery_state", "not_verified")}}})},
                 {"forms", top}, {"problem", problem}},
                status);
  };
  r.add("GET", "/contracts/{id}", [contract_page](RequestContext& ctx) {
    return contract_page(ctx, ctx.param("id"), json::object(), 200);
  });

  // A form of the contract page: read with its spec, sent to the use case; on success back to
  // the form's place on the page, otherwise the page again with the form as typed.
  // A form whose object someone else may save meanwhile names its fields and where the stored
  // values are in the 409's `current`; a stale save is then merged (web/stale_edit.hpp).
  using UseCase = std::function<domain::Result<json>(RequestContext&, const json&)>;
  struct Merge {
    std::vector<std::string> fields;
    std::function<json(const json& current)> stored;
    std::map<std::string, std::string> groups;  // field → enum group, as stale_edit_form takes it
  };
  auto form_route = [this, contract_page](const std::string& path, const std::string& form, const std::string& key_param,
                                          FormSpec spec, UseCase use_case, std::optional<Merge> merge = std::nullopt) {
    // The page's merge of a stale save: the fields named and shown in the person's language.
    router_.add("POST", path, [this, contract_page, form, key_param, spec, use_case, merge](RequestContext& ctx) {
      Form posted = Form::parse(ctx.req);
      json body = form_to_json(posted, spec);
      auto result = use_case(ctx, body);
      std::string key = key_param.empty() ? "" : ctx.param(key_param);
      json echo = body;
      echo["form"] = form;
      echo["key"] = key;
      if (!result) echo["errors"] = form_errors(*this, ctx, result.error())["fields"];
      if (!result && merge && result.error().kind == ErrorKind::conflict) {
        std::map<std::string, std::string> names;
        if (auto dir = accounts_.directory(ctx.who()))
          for (const auto& u : (*dir)["items"]) names[u["id"].get<std::string>()] = u["display_name"].get<std::string>();
        auto f = stale_edit_form(*this, ctx, merge->fields, merge->groups, names);
        f.stored = merge->stored;
        echo["merge"] = stale_edit_echo(f, result.error(), posted.get("_base"), body);
      }
      return form_outcome(ctx, "/contracts/" + ctx.param("id"), key.empty() ? form : form + "-" + key, echo, result,
                          contract_page);
    });
  };
  const FormSpec versioned = {{"version", FieldKind::integer}};
  auto with = [](FormSpec spec, std::initializer_list<std::pair<std::string, FieldKind>> more) {
    for (const auto& f : more) spec.push_back(f);
    return spec;
  };
  form_route("/contracts/{id}/measures/{measure}/plan", "plan", "measure",
             with(versioned, {{"responsibility", FieldKind::text}, {"lead", FieldKind::text}, {"method", FieldKind::text},
                              {"frequency", FieldKind::text}, {"every_n_months", FieldKind::integer},
                              {"evidence", FieldKind::text}, {"owner_user_id", FieldKind::optional_enum}}),
             [this](RequestContext& ctx, const json& b) { return contracts_.plan(ctx.who(), ctx.param("id"), ctx.param("measure"), b); },
             Merge{plan_edit_fields, [](const json& current) { return current.value("plan", json::object()); },
                   {{"responsibility", "responsibility"}, {"lead", "responsibility"},
                    {"method", "follow_up_method"}, {"frequency", "follow_up_frequency"}}});
  form_route("/contracts/{id}/obligations", "obligation", "",
             {{"text", FieldKind::text}, {"frequency", FieldKind::text}, {"owner_user_id", FieldKind::optional_enum}},
             [this](RequestContext& ctx, json b) {
               if (b["owner_user_id"].is_null()) b.erase("owner_user_id");
               return contracts_.add_obligation(ctx.who(), ctx.param("id"), b);
             });
  form_route("/contracts/{id}/measures/{measure}/records", "record", "measure",
             {{"due_on", FieldKind::optional_enum}, {"result", FieldKind::text}, {"notes", FieldKind::text},
              {"action_plan", FieldKind::text}, {"deadline", FieldKind::text}, {"owner_user_id", FieldKind::text}},
             [this](RequestContext& ctx, json b) {
               // The deviation's fields are sent only for a result not met.
               if (b.value("result", "") != "not_met")
                 for (const char* f : {"action_plan", "deadline", "owner_user_id"}) b.erase(f);
               return contracts_.record(ctx.who(), ctx.param("id"), ctx.param("measure"), b);
             });
  form_route("/contracts/{id}/delivery/{measure}", "delivery", "measure",
             with(versioned, {{"state", FieldKind::text}, {"evidence", FieldKind::text}, {"notes", FieldKind::text},
                              {"exception_reason", FieldKind::text}}),
             [this](RequestContext& ctx, const json& b) { return life_.check_delivery(ctx.who(), ctx.param("id"), ctx.param("measure"), b); });
  // Many measures at once: each ticked box is "measure:version" (the version its row was shown
  // with, so a check someone saved meanwhile is not overwritten unseen).
  router_.add("POST", "/contracts/{id}/delivery", [this, contract_page, versioned](RequestContext& ctx) {
    Form posted = Form::parse(ctx.req);
    json items = json::array();
    for (const auto& ticked : posted.all("measure")) {
      auto colon = ticked.rfind(':');
      json item = {{"measure_id", ticked.substr(0, colon)}};
      if (colon != std::string::npos)
        item["version"] = form_to_json(Form{{{"version", ticked.substr(colon + 1)}}}, versioned)["version"];
      items.push_back(std::move(item));
    }
    json body = {{"items", items}, {"state", posted.get("state")}, {"evidence", posted.get("evidence")},
                 {"notes", posted.get("notes")}};
    auto result = life_.check_deliveries(ctx.who(), ctx.param("id"), body);
    json echo = body;
    echo["form"] = "delivery_all";
    echo["key"] = "";
    if (!result) echo["errors"] = form_errors(*this, ctx, result.error())["fields"];
    return form_outcome(ctx, "/contracts/" + ctx.param("id"), "delivery", echo, result, contract_page);
  });
  form_route("/contracts/{id}/deviations/{deviation}/closure", "closure", "deviation",
             with(versioned, {{"evidence", FieldKind::text}}),
             [this](RequestContext& ctx, const json& b) { return contracts_.close_deviation(ctx.who(), ctx.param("deviation"), b); });
  form_route("/contracts/{id}/changes", "change", "",
             {{"kind", FieldKind::text}, {"description", FieldKind::text}, {"effective_on", FieldKind::optional_enum},
              {"subcontractor", FieldKind::text}, {"subcontractor_country", FieldKind::text},
              {"delivery_model", FieldKind::optional_enum},
              {"hosting_location", FieldKind::optional_enum}, {"contract_change_proposed", FieldKind::checkbox},
              {"reassessment_due_on", FieldKind::optional_enum}, {"reassessment_owner_user_id", FieldKind::optional_enum}},
             [this](RequestContext& ctx, json b) {
               // Fields that do not belong to the chosen kind are left out, as a person expects.
               std::string kind = b.value("kind", "");
               if (kind != "subcontractor_added" && kind != "subcontractor_removed") b.erase("subcontractor");
               if (kind != "subcontractor_added") b.erase("subcontractor_country");
               if (kind != "delivery_model") b.erase("delivery_model");
               if (kind != "hosting_location") b.erase("hosting_location");
               for (const char* f : {"effective_on", "reassessment_due_on", "reassessment_owner_user_id", "delivery_model", "hosting_location"})
                 if (b.contains(f) && b[f].is_null()) b.erase(f);
               return life_.record_change(ctx.who(), ctx.param("id"), b);
             });
  r.add("POST", "/contracts/{id}/changes/{change}/lou", [this, contract_page](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, {{"version", FieldKind::integer}});
    json answers = json::object();
    for (auto q : enum_names(ChangeQuestion{})) {
      std::string v = form.get("q_" + std::string(q));
      answers[std::string(q)] = v == "yes" ? json(true) : v == "no" ? json(false) : json();
    }
    body["answers"] = answers;
    auto result = life_.assess_change(ctx.who(), ctx.param("id"), ctx.param("change"), body);
    json echo = {{"form", "lou"}, {"key", ctx.param("change")}};
    if (!result) echo["errors"] = form_errors(*this, ctx, result.error())["fields"];
    return form_outcome(ctx, "/contracts/" + ctx.param("id"), "lou-" + ctx.param("change"), echo, result, contract_page);
  });
  r.add("POST", "/contracts/{id}/changes/{change}/reassessment", [this, contract_page](RequestContext& ctx) {
    Form form = Form::parse(ctx.req);
    json body = form_to_json(form, {{"version", FieldKind::integer}, {"conclusion", FieldKind::text}});
    json add = json::array();
    for (const auto& id : form.all("add_measures")) add.push_back(id);
    body["add_measures"] = add;
    auto result = life_.complete_reassessment(ctx.who(), ctx.param("id"), ctx.param("change"), body);
    json echo = body;
    echo["form"] = "reassessment";
    echo["key"] = ctx.param("change");
    if (!result) echo["errors"] = form_errors(*this, ctx, result.error())["fields"];
    return form_outcome(ctx, "/contracts/" + ctx.param("id"), "reassessment-" + ctx.param("change"), echo, result, contract_page);
  });
  form_route("/contracts/{id}/exit-plan", "exit_plan", "",
             with(versioned, {{"formats", FieldKind::text}, {"trigger", FieldKind::text}, {"notes", FieldKind::text},
                              {"attend_destruction", FieldKind::checkbox}}),
             [this](RequestContext& ctx, const json& b) { return life_.plan_exit(ctx.who(), ctx.param("id"), b); });
  form_route("/contracts/{id}/exit-checks/{check}", "exit_check", "check",
             with(versioned, {{"state", FieldKind::text}, {"evidence", FieldKind::text}, {"notes", FieldKind::text}}),
             [this](RequestContext& ctx, const json& b) { return life_.check_exit(ctx.who(), ctx.param("id"), ctx.param("check"), b); });
  form_route("/contracts/{id}/incidents", "incident", "",
             {{"occurred_on", FieldKind::optional_enum}, {"description", FieldKind::text},
              {"affected_information", FieldKind::text}, {"measures", FieldKind::text}},
             [this](RequestContext& ctx, json b) {
               if (b["occurred_on"].is_null()) b.erase("occurred_on");
               return life_.report_incident(ctx.who(), ctx.param("id"), b);
             });
  form_route("/contracts/{id}/agreements", "agreement", "",
             {{"agreed_on", FieldKind::optional_enum}, {"parties", FieldKind::text}, {"text", FieldKind::text}},
             [this](RequestContext& ctx, json b) {
               if (b["agreed_on"].is_null()) b.erase("agreed_on");
               return life_.note_agreement(ctx.who(), ctx.param("id"), b);
             });
  form_route("/contracts/{id}/measures/{measure}/self-assessments", "self_assessment", "measure",
             {{"due_on", FieldKind::optional_enum}, {"result", FieldKind::text}, {"statement", FieldKind::text}},
             [this](RequestContext& ctx, json b) {
               if (b["due_on"].is_null()) b.erase("due_on");
               return life_.self_assess(ctx.who(), ctx.param("id"), ctx.param("measure"), b);
             });
  r.add("POST", "/contracts/{id}/files", [this, contract_page](RequestContext& ctx) {
    const auto& parts = ctx.parts();
    const FormPart file = parts.count("file") ? parts.at("file") : FormPart{};
    std::string subject = parts.count("subject") ? parts.at("subject").bytes : "";
    auto added = life_.add_file(ctx.who(), ctx.param("id"), subject, file.file_name, file.bytes);
    json echo = {{"form", "evidence"}, {"key", ""}};
    if (!added) echo["errors"] = form_errors(*this, ctx, added.error())["fields"];
    return form_outcome(ctx, "/contracts/" + ctx.param("id"), "evidence", echo, added, contract_page);
  });
  r.add("GET", "/contracts/{id}/files/{file_id}", [this](RequestContext& ctx) {
    auto f = life_.file(ctx.who(), ctx.param("id"), ctx.param("file_id"));
    if (!f) return error_page(ctx, f.error());
    return Response::attachment(f->content, f->media_type, f->file_name);
  });
}

}  // namespace kk::web
