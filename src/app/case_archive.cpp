#include "app/case_archive.hpp"

#include "app/audit.hpp"
#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "domain/deadline.hpp"
#include "domain/follow_up.hpp"
#include "io/docx_writer.hpp"
#include "io/table_export.hpp"
#include "io/zip_writer.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {
// A name safe inside a zip archive on every system: letters, digits and a few signs.
std::string safe_name(const std::string& name) {
  std::string out;
  for (unsigned char ch : name) out += (std::isalnum(ch) || ch >= 0x80 || ch == '.' || ch == '-' || ch == '_') ? char(ch) : '_';
  return out.empty() ? "fil" : out;
}

std::string text_of(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return "";
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}
}  // namespace

Result<ArchivePackage> ArchiveService::package(const Actor& actor, const std::string& case_id) {
  json c = KK_TRY(sources_.cases.get(actor, case_id));
  if (c["status"] == "open") return Error::unprocessable("error.case_still_open", "status");
  const auto& msg = content_.messages;
  Language lang = actor.lang;
  std::vector<io::ZipPart> parts;
  auto add = [&](const std::string& name, std::string content) { parts.push_back({name, std::move(content)}); };

  add("arende.json", c.dump(2));
  io::Table decisions{"Beslut", msg.text(lang, "archive.decisions_title", {{"case", text_of(c, "registry_number")}}),
                      {"#", msg.text(lang, "archive.gate"), msg.text(lang, "archive.outcome"), msg.text(lang, "archive.rationale"),
                       msg.text(lang, "archive.decided_by"), msg.text(lang, "archive.decided_at")},
                      {}};
  std::string closed_at = text_of(c, "updated_at");
  for (const auto& d : c["decisions"]) {
    decisions.rows.push_back({text_of(d, "seq"), msg.text(lang, "gate." + text_of(d, "gate")),
                              msg.text(lang, "enum.outcome." + text_of(d, "outcome")), text_of(d, "rationale"),
                              text_of(d, "decided_by_name"), stockholm_time(text_of(d, "decided_at"))});
    closed_at = text_of(d, "decided_at");
  }
  add("beslut.csv", io::write_table_csv(decisions));

  if (auto spec = sources_.specifications.get(actor, case_id)) add("kravspecifikation.json", spec->dump(2));
  if (auto doc = sources_.specifications.document(actor, case_id)) add("kravspecifikation.docx", io::write_docx(*doc));
  if (auto risks = sources_.risks.list(actor, case_id)) add("risker.json", risks->dump(2));
  std::vector<std::string> about{case_id};
  if (auto tenders = sources_.tenders.list(actor, case_id)) {
    json tendering = *tenders;
    if (auto ev = sources_.tenders.evaluation(actor, case_id)) tendering["evaluation"] = *ev;
    for (const auto& t : tendering.value("tenders", json::array())) about.push_back(text_of(t, "id"));
    add("anbud.json", tendering.dump(2));
  }

  io::Table records{"Uppföljning", msg.text(lang, "archive.follow_up_title"),
                    {msg.text(lang, "archive.contract"), msg.text(lang, "archive.measure"), msg.text(lang, "field.due_on"),
                     msg.text(lang, "field.result"), msg.text(lang, "field.notes"), msg.text(lang, "archive.decided_by"),
                     msg.text(lang, "archive.recorded_at")},
                    {}};
  int n = 0;
  if (auto list = sources_.contracts.list(actor, {case_id, ""}, Page{-1, 0}))
    for (const auto& item : (*list)["items"]) {
      json k = KK_TRY(sources_.contracts.get(actor, text_of(item, "id")));
      about.push_back(text_of(k, "id"));
      std::string folder = "avtal-" + std::to_string(++n) + "/";
      add(folder + "avtal.json", k.dump(2));
      for (const auto& m : k["measures"])
        for (const auto& r : m["records"])
          records.rows.push_back({text_of(k, "title"), m["requirement_id"].is_string() ? text_of(m, "requirement_id") : text_of(m, "text"),
                                  text_of(r, "due_on"), msg.text(lang, "enum.follow_up_result." + text_of(r, "result")),
                                  text_of(r, "notes"), text_of(r, "recorded_by_name"), stockholm_time(text_of(r, "recorded_at"))});
      for (const auto& f : k.value("files", json::array())) {
        auto file = KK_TRY(sources_.life.file(actor, text_of(k, "id"), text_of(f, "id")));
        add(folder + "underlag/" + text_of(f, "id").substr(0, 8) + "-" + safe_name(file.file_name), std::move(file.content));
      }
    }
  add("uppfoljning.csv", io::write_table_csv(records));

  // The audit extract and the retention period, read together.
  std::optional<std::int64_t> retention;
  std::string organisation;
  json extract = json::array();
  (void)read([&](Transaction& tx) -> Result<bool> {
    if (auto o = tx.organisation(actor.org_id())) {
      retention = o->archive_retention_years;
      organisation = o->name;
    }
    for (const auto& e : tx.audit_about(actor.org_id(), about)) extract.push_back(audit_entry_json(e));
    return true;
  });
  add("granskningslogg.json", extract.dump(2));

  std::string closed_on = stockholm_date(closed_at);
  std::string keep = retention ? msg.text(lang, "archive.retention_years",
                                          {{"years", std::to_string(*retention)},
                                           {"date", add_months(closed_on, static_cast<int>(*retention) * 12).value_or(closed_on)}})
                               : msg.text(lang, "archive.retention_keep");
  std::string readme = msg.text(lang, "archive.readme_title", {{"case", text_of(c, "registry_number") + " " + text_of(c, "title")}}) +
                       "\n\n" + msg.text(lang, "archive.organisation", {{"organisation", organisation}}) + "\n" +
                       msg.text(lang, "archive.closed", {{"date", closed_on}, {"status", msg.text(lang, "enum.case_status." + text_of(c, "status"))}}) +
                       "\n" + msg.text(lang, "archive.made", {{"at", stockholm_time(now_utc())}, {"by", actor.user.display_name}}) +
                       "\n" + keep + "\n\n" + msg.text(lang, "archive.contents") + "\n";
  for (const auto& p : parts) readme += "  " + p.name + "  SHA-256 " + sha256_hex(p.content) + "\n";
  parts.insert(parts.begin(), {"LASMIG.txt", readme});
  return ArchivePackage{"arkiv-" + safe_name(text_of(c, "registry_number")) + ".zip", io::zip_in_memory(parts)};
}

}  // namespace kk::app
