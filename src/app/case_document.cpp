#include "app/case_document.hpp"

#include "app/clock.hpp"

namespace kk::app {

io::SpecDocument case_document(Transaction& tx, const Content& content, domain::Language lang, const Case& c,
                               const std::string& title) {
  auto t = [&](const std::string& key) { return content.messages.text(lang, key); };
  auto org = tx.organisation(c.org_id);
  io::SpecDocument doc;
  doc.language = std::string(to_string(lang));
  doc.title = title;
  doc.organisation = org ? org->name : "";
  doc.case_title = c.title;
  doc.registry_number = c.registry_number;
  doc.date = now_utc().substr(0, 10);
  doc.label_case = t("doc.label_case");
  doc.label_registry_number = t("doc.label_registry_number");
  doc.label_date = t("doc.label_date");
  doc.label_organisation = t("doc.label_organisation");
  doc.reasons_title.clear();
  return doc;
}

}  // namespace kk::app
