#include "app/reminders.hpp"

#include <set>

#include "app/case_records.hpp"
#include "app/clock.hpp"
#include "app/contract_life.hpp"
#include "app/crypto.hpp"
#include "domain/deadline.hpp"
#include "domain/follow_up.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {
// Who is reminded of something on a contract: its named owner; else the case's delivery
// manager; else every contract manager of the organisation (read once per run).
std::vector<std::string> recipients(const std::vector<std::string>& contract_managers, const Case* c,
                                    const std::optional<std::string>& owner) {
  if (owner && !owner->empty()) return {*owner};
  if (c && c->delivery_manager_id) return {*c->delivery_manager_id};
  return contract_managers;
}

std::optional<std::string> text_or_none(const json& j, const char* key) {
  if (j.contains(key) && j[key].is_string() && !j[key].get<std::string>().empty()) return j[key].get<std::string>();
  return std::nullopt;
}

std::string feed_path(const std::string& secret) { return "/calendar/" + secret + ".ics"; }

std::string notification_text(const Content& content, Language lang, const Notification& n) {
  return due_item_text(content, lang, n.kind, n.due_on, object_of(n.body));
}
}  // namespace

std::string due_item_text(const Content& content, Language lang, const std::string& kind, const std::string& due_on,
                          const json& body) {
  std::map<std::string, std::string> params{{"date", due_on}};
  for (const auto& [k, v] : body.items())
    if (v.is_string()) params[k] = v.get<std::string>();
  return content.messages.text(lang, "notification." + kind, params);
}

namespace {
// The cases of an organisation's contracts by id, read once for all its contracts.
std::map<std::string, Case> cases_by_id(std::vector<Case> cases) {
  std::map<std::string, Case> out;
  for (auto& k : cases) {
    std::string id = k.id;
    out.emplace(std::move(id), std::move(k));
  }
  return out;
}
}  // namespace

std::vector<DueItem> due_items(Transaction& tx, const std::string& org, const std::string& today,
                               const std::string& horizon, bool every_open_deviation) {
  std::vector<DueItem> out;
  std::vector<std::string> managers;
  for (const auto& u : tx.users(org))
    if (u.active && !u.is_supplier() && u.has(Role::contract_manager)) managers.push_back(u.id);
  // Read for the whole organisation at once, not contract by contract: a start page of an
  // organisation with hundreds of contracts ran four statements per contract.
  const AnsweredControls answered = tx.answered_controls(org);
  const auto measures = tx.measures_by_contract(org);
  std::map<std::string, std::vector<Deviation>> deviations;
  for (auto& d : tx.deviations(org, "")) deviations[d.contract_id].push_back(std::move(d));
  std::map<std::string, std::vector<ContractEntry>> changes;
  for (auto& e : tx.contract_entries(org, "", entry_kind::change)) changes[e.contract_id].push_back(std::move(e));
  const auto cases = cases_by_id(tx.cases_with_contracts(org));
  for (const auto& c : tx.contracts(org)) {
    auto found = cases.find(c.case_id);
    const Case* k = found != cases.end() ? &found->second : nullptr;
    if (k && k->status != CaseStatus::open) continue;  // a closed relationship reminds of nothing
    json about = {{"contract_id", c.id}, {"contract", c.title}, {"supplier", c.supplier_name}};
    for (const auto& m : rows_of(measures, c.id)) {
      json plan = object_of(m.plan);
      // Who and what are made for the first control still to answer: most are answered.
      json body;
      std::vector<std::string> owners;
      for (const auto& d : plan_due_dates(plan, c.starts_on, std::min(c.ends_on, horizon))) {
        if (answered.count({c.id, m.id, d})) continue;
        if (body.is_null()) {
          body = about;
          body["measure"] = m.requirement_id ? *m.requirement_id : m.text.substr(0, 80);
          owners = recipients(managers, k, text_or_none(plan, "owner_user_id"));
        }
        out.push_back({owners, d < today ? "control_overdue" : "control_due", c.id + ":" + m.id, d, body});
      }
    }
    for (const auto& d : rows_of(deviations, c.id))
      if (d.status == "open" && (every_open_deviation || d.deadline <= horizon))
        out.push_back({{d.owner_user_id}, d.deadline < today ? "deviation_overdue" : "deviation_due", d.id, d.deadline, about});
    for (const auto& e : rows_of(changes, c.id)) {
      json r = object_of(e.body).value("reassessment", json::object());
      std::string due = r.value("due_on", "");
      if (r.value("status", "") == "open" && due <= horizon)
        out.push_back({recipients(managers, k, text_or_none(r, "owner_user_id")), "reassessment_due", e.key, due, about});
    }
    auto alert = add_months(c.ends_on, -c.expiry_alert_months);
    if (alert && today >= *alert && today <= c.ends_on)
      out.push_back({recipients(managers, k, std::nullopt), "contract_expiry", c.id, c.ends_on, about});
  }
  return out;
}

ReminderRun ReminderService::remind(bool once_a_day, Mailer* mailer) {
  ReminderRun run;
  std::string now = now_utc();
  std::string today = stockholm_date(now);
  std::string horizon = add_days(today, days_ahead).value_or(today);
  if (once_a_day) {
    auto tx = store_.begin(true);
    if (!tx->claim_daily_job("remind", today, now)) return run;
    tx->commit();
  }
  run.ran = true;
  std::vector<std::string> orgs;
  {
    auto tx = store_.begin(false);
    orgs = tx->organisation_ids();
  }
  for (const auto& org : orgs) {
    auto recorded = write([&](Transaction& tx) -> Result<int> {
      int count = 0;
      for (const auto& item : due_items(tx, org, today, horizon))
        for (const auto& user : item.users)
          count += tx.insert_notification(
                       org, {new_id(), user, item.kind, item.subject, item.due_on, item.body.dump(), now, {}, {}})
                       ? 1
                       : 0;
      if (count > 0)
        record_audit(tx, system_actor(org), "reminders.run", "organisation", org, nullptr,
                     {{"day", today}, {"notifications", count}});
      return count;
    });
    ++run.organisations;
    if (recorded) run.recorded += *recorded;
    if (mailer) mail(org, *mailer, run);
  }
  return run;
}

void ReminderService::mail(const std::string& org, Mailer& mailer, ReminderRun& run) {
  struct Letter {
    std::string to, subject, body;
    std::vector<std::string> ids;
  };
  std::vector<Letter> letters;
  (void)read([&](Transaction& tx) -> Result<bool> {
    Language lang = Language::sv;
    if (auto o = tx.organisation(org)) lang = o->language;
    for (const auto& u : tx.users(org)) {
      if (!u.active || u.is_supplier() || u.email.empty()) continue;
      Letter letter{u.email, "", content_.messages.text(lang, "mail.intro", {{"name", u.display_name}}) + "\n\n", {}};
      for (const auto& n : tx.notifications(org, u.id, true)) {
        if (n.emailed_at) continue;
        letter.body += "- " + notification_text(content_, lang, n) + "\n";
        letter.ids.push_back(n.id);
      }
      if (letter.ids.empty()) continue;
      letter.subject = content_.messages.text(lang, "mail.subject", {{"count", std::to_string(letter.ids.size())}});
      letter.body += "\n" + content_.messages.text(lang, "mail.outro") + "\n";
      letters.push_back(std::move(letter));
    }
    return true;
  });
  std::vector<std::string> sent;
  for (const auto& letter : letters) {
    // Sent outside any transaction: the mail server's pace holds no lock.
    if (auto error = mailer.send(letter.to, letter.subject, letter.body)) {
      run.mail_errors.push_back(letter.to + ": " + *error);
      continue;
    }
    ++run.emailed;
    sent.insert(sent.end(), letter.ids.begin(), letter.ids.end());
  }
  if (sent.empty()) return;
  (void)write([&](Transaction& tx) -> Result<bool> {
    tx.mark_notifications_emailed(org, sent, now_utc());
    record_audit(tx, system_actor(org), "reminders.email", "organisation", org, nullptr, {{"notifications", sent.size()}});
    return true;
  });
}

Result<json> ReminderService::notifications(const Actor& actor, bool unread_only, const Page& page) {
  if (actor.user.is_supplier()) return json{{"items", json::array()}, {"page", page_json(page, 0)}};
  return read([&](Transaction& tx) -> Result<json> {
    json items = json::array();
    for (const auto& n : tx.notifications_page(actor.org_id(), actor.user.id, unread_only, page.limit, page.offset)) {
      items.push_back({{"id", n.id},
                       {"kind", n.kind},
                       {"due_on", n.due_on},
                       {"contract_id", object_of(n.body).value("contract_id", "")},
                       {"text", notification_text(content_, actor.lang, n)},
                       {"emailed", n.emailed_at.has_value()},
                       {"created_at", n.created_at},
                       {"read", n.read_at.has_value()}});
    }
    return paged_list(std::move(items), page,
                      [&] { return tx.count_notifications(actor.org_id(), actor.user.id, unread_only); });
  });
}

Result<json> ReminderService::mark_read(const Actor& actor, const std::string& notification_id) {
  return write([&](Transaction& tx) -> Result<json> {
    if (!tx.mark_notification_read(actor.org_id(), actor.user.id, notification_id, now_utc())) return Error::not_found();
    record_audit(tx, actor, "notification.read", "notification", notification_id, nullptr, nullptr);
    return json{{"id", notification_id}, {"read", true}};
  });
}

Result<json> ReminderService::create_feed(const Actor& actor) {
  if (actor.user.is_supplier() || !actor.user.active) return Error::forbidden();
  std::string secret = random_token();
  return write([&](Transaction& tx) -> Result<json> {
    tx.set_calendar_feed(actor.org_id(), actor.user.id, sha256_hex(secret), now_utc());
    // The secret itself stays out of the log: whoever reads the log must not read the feed.
    record_audit(tx, actor, "calendar_feed.create", "user", actor.user.id, nullptr, {{"active", true}});
    return json{{"active", true}, {"path", feed_path(secret)}};
  });
}

Result<json> ReminderService::feed_status(const Actor& actor) {
  return read([&](Transaction& tx) -> Result<json> {
    return json{{"active", tx.has_calendar_feed(actor.org_id(), actor.user.id)}};
  });
}

Result<json> ReminderService::revoke_feed(const Actor& actor, const std::string& user_id) {
  if (user_id != actor.user.id) KK_TRY(authorize(actor, Permission::administer));
  return write([&](Transaction& tx) -> Result<json> {
    if (!tx.user(actor.org_id(), user_id)) return Error::not_found();
    bool revoked = tx.delete_calendar_feed(actor.org_id(), user_id);
    if (revoked) record_audit(tx, actor, "calendar_feed.revoke", "user", user_id, {{"active", true}}, {{"active", false}});
    return json{{"active", false}, {"revoked", revoked}};
  });
}

Result<std::string> ReminderService::feed(const std::string& secret) {
  return read([&](Transaction& tx) -> Result<std::string> {
    auto user = tx.calendar_feed_user(sha256_hex(secret));
    if (!user || !user->active || user->is_supplier()) return Error::not_found();
    const std::string& org = user->org_id;
    Language lang = Language::sv;
    if (auto o = tx.organisation(org)) lang = o->language;
    std::vector<io::CalendarEvent> events;
    const auto cases = cases_by_id(tx.cases_with_contracts(org));
    for (const auto& c : tx.contracts(org)) {
      auto k = cases.find(c.case_id);
      bool manages = k != cases.end() && k->second.delivery_manager_id == user->id;
      for (const auto& m : tx.contract_measures(org, c.id)) {
        auto owner = text_or_none(object_of(m.plan), "owner_user_id");
        if (owner ? *owner == user->id : manages)
          for (auto& e : control_events(content_, lang, c, m)) events.push_back(std::move(e));
      }
      for (const auto& d : tx.deviations(org, c.id))
        if (d.status == "open" && d.owner_user_id == user->id)
          events.push_back({"deviation-" + d.id + "@kravkedja", d.deadline,
                            content_.messages.text(lang, "ui.contracts.deviation_summary", {{"contract", c.title}}),
                            d.action_plan});
      for (const auto& e : tx.contract_entries(org, c.id, entry_kind::change)) {
        json body = object_of(e.body);
        json r = body.value("reassessment", json::object());
        auto owner = text_or_none(r, "owner_user_id");
        if (r.value("status", "") == "open" && (owner ? *owner == user->id : manages))
          events.push_back({"reassessment-" + e.key + "@kravkedja", r.value("due_on", ""),
                            content_.messages.text(lang, "ui.contracts.reassessment_summary", {{"contract", c.title}}),
                            body.value("description", "")});
      }
    }
    return io::write_ical("Kravkedja – " + user->display_name, events, now_utc());
  });
}

}  // namespace kk::app
