#include "app/suppliers.hpp"

#include <algorithm>
#include <cctype>

#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "app/input.hpp"
#include "domain/deadline.hpp"
#include "domain/text.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {
constexpr std::size_t max_items = 200;

// A country code as given, in capitals; refused unless it is two letters.
Status country(const json& body, const char* key, std::string& out, bool required) {
  std::string value = out;
  KK_TRY(input::text(body, key, value, 2));
  std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return char(std::toupper(c)); });
  if (value.empty() && !required) {
    out.clear();
    return ok();
  }
  if (!is_country_code(value)) return Error::unprocessable("error.country", key).with("value", value);
  out = value;
  return ok();
}

Status text_list(const json& body, const char* key, std::vector<std::string>& out) {
  if (!body.contains(key)) return ok();
  if (!body[key].is_array()) return Error::invalid("error.type_array", key);
  out.clear();
  for (std::size_t i = 0; i < body[key].size(); ++i) {
    const json& v = body[key][i];
    std::string field = std::string(key) + "[" + std::to_string(i) + "]";
    if (!v.is_string()) return Error::invalid("error.type_text", field);
    std::string s = v.get<std::string>();
    if (utf8_length(s) > input::short_text)
      return Error::unprocessable("error.too_long", field).with("max", std::to_string(input::short_text));
    if (!blank(s)) out.push_back(s);
  }
  return ok();
}

std::string item_id(const json& item) {
  return item.contains("id") && item["id"].is_string() && !item["id"].get<std::string>().empty()
             ? item["id"].get<std::string>()
             : new_id();
}

Result<Certification> certification_from(const json& j) {
  KK_TRY(input::only_fields(j, {"id", "kind", "name", "issuer", "valid_from", "valid_until", "scope", "services"}));
  KK_TRY(input::require(j, "kind"));
  Certification c;
  c.id = item_id(j);
  KK_TRY(input::enumeration(j, "kind", c.kind));
  KK_TRY(input::text(j, "name", c.name, input::short_text));
  KK_TRY(input::text(j, "issuer", c.issuer, input::short_text));
  KK_TRY(input::optional_date(j, "valid_from", c.valid_from));
  KK_TRY(input::optional_date(j, "valid_until", c.valid_until));
  KK_TRY(input::text(j, "scope", c.scope, input::long_text));
  KK_TRY(text_list(j, "services", c.services));
  if (c.kind == CertificationKind::other && blank(c.name)) return Error::unprocessable("error.required", "name");
  if (c.valid_from && c.valid_until && *c.valid_until < *c.valid_from)
    return Error::unprocessable("error.valid_until_before_from", "valid_until");
  return c;
}

Result<Subcontractor> subcontractor_from(const json& j) {
  KK_TRY(input::only_fields(j, {"id", "name", "country", "information", "service"}));
  KK_TRY(input::require(j, "name"));
  KK_TRY(input::require(j, "country"));
  Subcontractor s;
  s.id = item_id(j);
  KK_TRY(input::text(j, "name", s.name, input::short_text));
  KK_TRY(country(j, "country", s.country, true));
  KK_TRY(input::text(j, "information", s.information, input::long_text));
  KK_TRY(input::text(j, "service", s.service, input::short_text));
  return s;
}

Result<Contact> contact_from(const json& j) {
  KK_TRY(input::only_fields(j, {"id", "name", "role", "email", "phone"}));
  KK_TRY(input::require(j, "name"));
  Contact c;
  c.id = item_id(j);
  KK_TRY(input::text(j, "name", c.name, input::short_text));
  KK_TRY(input::text(j, "role", c.role, input::short_text));
  KK_TRY(input::text(j, "email", c.email, input::short_text));
  KK_TRY(input::text(j, "phone", c.phone, 50));
  if (!c.email.empty() && c.email.find('@') == std::string::npos)
    return Error::unprocessable("error.email", "email").with("value", c.email);
  return c;
}

// A list of items read one by one; errors name the item: "subcontractors[1].country".
template <class T, class Read>
Status items(const json& body, const char* key, std::vector<T>& out, Read read) {
  if (!body.contains(key)) return ok();
  const json& list = body[key];
  if (!list.is_array()) return Error::invalid("error.type_array", key);
  if (list.size() > max_items)
    return Error::unprocessable("error.too_many", key).with("max", std::to_string(max_items));
  std::vector<T> parsed;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string path = std::string(key) + "[" + std::to_string(i) + "]";
    if (!list[i].is_object()) return Error::invalid("error.type_object", path);
    auto item = read(list[i]);
    if (!item) return input::within(item.take_error(), path).take_error();
    parsed.push_back(std::move(*item));
  }
  out = std::move(parsed);
  return ok();
}

// A supplier from a request, merged over what is stored (an empty supplier when created).
Status read_supplier(const json& body, Supplier& s) {
  KK_TRY(input::only_fields(body, {"version", "name", "org_number", "country", "parent_name", "parent_country",
                                   "dpf_listed", "dpf_checked_on", "note", "certifications", "subcontractors",
                                   "contacts"}));
  KK_TRY(input::text(body, "name", s.name, input::short_text));
  KK_TRY(input::text(body, "org_number", s.org_number, 30));
  KK_TRY(country(body, "country", s.country, true));
  KK_TRY(input::text(body, "parent_name", s.parent_name, input::short_text));
  KK_TRY(country(body, "parent_country", s.parent_country, false));
  KK_TRY(input::boolean(body, "dpf_listed", s.dpf_listed));
  KK_TRY(input::optional_date(body, "dpf_checked_on", s.dpf_checked_on));
  KK_TRY(input::text(body, "note", s.note, input::long_text));
  KK_TRY(items(body, "certifications", s.certifications, certification_from));
  KK_TRY(items(body, "subcontractors", s.subcontractors, subcontractor_from));
  KK_TRY(items(body, "contacts", s.contacts, contact_from));
  if (blank(s.name)) return Error::unprocessable("error.required", "name");
  if (!s.parent_name.empty() && s.parent_country.empty())
    return Error::unprocessable("error.required", "parent_country");
  return ok();
}

json details_json(const Supplier& s) {
  json certs = json::array(), subs = json::array(), contacts = json::array();
  for (const auto& c : s.certifications)
    certs.push_back({{"id", c.id}, {"kind", to_string(c.kind)}, {"name", c.name}, {"issuer", c.issuer},
                     {"valid_from", c.valid_from ? json(*c.valid_from) : json()},
                     {"valid_until", c.valid_until ? json(*c.valid_until) : json()}, {"scope", c.scope},
                     {"services", c.services}});
  for (const auto& c : s.subcontractors)
    subs.push_back({{"id", c.id}, {"name", c.name}, {"country", c.country}, {"information", c.information},
                    {"service", c.service}});
  for (const auto& c : s.contacts)
    contacts.push_back({{"id", c.id}, {"name", c.name}, {"role", c.role}, {"email", c.email}, {"phone", c.phone}});
  return {{"parent_name", s.parent_name}, {"parent_country", s.parent_country}, {"dpf_listed", s.dpf_listed},
          {"dpf_checked_on", s.dpf_checked_on ? json(*s.dpf_checked_on) : json()}, {"note", s.note},
          {"certifications", certs}, {"subcontractors", subs}, {"contacts", contacts}};
}

SupplierRow row_of(const Supplier& s) {
  SupplierRow row;
  row.name = s.name;
  row.org_number = s.org_number;
  row.country = s.country;
  row.details = details_json(s).dump();
  return row;
}

json supplier_json(const Content& content, Language lang, const SupplierRow& row) {
  Supplier s = supplier_of(row);
  json j = details_json(s);
  j["id"] = row.id;
  j["name"] = row.name;
  j["org_number"] = row.org_number;
  j["country"] = row.country;
  j["in_eu_eea"] = in_eu_eea(row.country);
  j["version"] = row.version;
  j["created_at"] = row.created_at;
  j["updated_at"] = row.updated_at;
  j["findings"] = supplier_findings_json(content, lang, check_supplier(s, stockholm_date(now_utc())));
  return j;
}
}  // namespace

Supplier supplier_of(const SupplierRow& row) {
  Supplier s;
  s.name = row.name;
  s.org_number = row.org_number;
  s.country = row.country;
  // The details were checked when written; they are read back with the same reader.
  json body = json::parse(row.details, nullptr, false);
  if (!body.is_object()) return s;
  body["name"] = row.name;
  body["country"] = row.country;
  body["org_number"] = row.org_number;
  (void)read_supplier(body, s);
  return s;
}

json supplier_findings_json(const Content& content, Language lang, const std::vector<SupplierFinding>& findings) {
  json out = json::array();
  for (const auto& f : findings)
    out.push_back({{"check", to_string(f.check)},
                   {"serious", f.serious},
                   {"subject", f.subject},
                   {"date", f.date},
                   {"text", content.messages.text(lang, "supplier.check." + std::string(to_string(f.check)),
                                                  {{"subject", f.subject}, {"date", f.date}})}});
  return out;
}

Result<json> SupplierService::list(const Actor& actor, const Page& page) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    json items = json::array();
    for (const auto& row : tx.suppliers_page(actor.org_id(), page.limit, page.offset))
      items.push_back(supplier_json(content_, actor.lang, row));
    return paged_list(std::move(items), page, [&] { return tx.count_suppliers(actor.org_id()); });
  });
}

Result<json> SupplierService::get(const Actor& actor, const std::string& id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto row = tx.supplier(actor.org_id(), id);
    if (!row) return Error::not_found();
    json j = supplier_json(content_, actor.lang, *row);
    j["tenders"] = tx.count_supplier_tenders(actor.org_id(), id);
    return j;
  });
}

Result<json> SupplierService::create(const Actor& actor, const json& body) {
  KK_TRY(authorize(actor, Permission::edit_suppliers));
  KK_TRY(input::require_object(body));
  KK_TRY(input::require(body, "name"));
  KK_TRY(input::require(body, "country"));
  Supplier s;
  KK_TRY(read_supplier(body, s));
  return write([&](Transaction& tx) -> Result<json> {
    SupplierRow row = row_of(s);
    row.id = new_id();
    row.created_at = row.updated_at = now_utc();
    if (!tx.insert_supplier(actor.org_id(), row))
      return Error::conflict("error.supplier_name_taken").with("value", s.name);
    json after = supplier_json(content_, actor.lang, row);
    record_audit(tx, actor, "supplier.create", "supplier", row.id, nullptr, after);
    return after;
  });
}

Result<json> SupplierService::update(const Actor& actor, const std::string& id, const json& body) {
  KK_TRY(authorize(actor, Permission::edit_suppliers));
  return write([&](Transaction& tx) -> Result<json> {
    auto current = tx.supplier(actor.org_id(), id);
    if (!current) return Error::not_found();
    KK_TRY(input::require_object(body));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    json before = supplier_json(content_, actor.lang, *current);
    if (current->version != version) return stale(before);
    Supplier s = supplier_of(*current);
    KK_TRY(read_supplier(body, s));
    SupplierRow row = row_of(s);
    row.id = id;
    row.created_at = current->created_at;
    row.updated_at = now_utc();
    row.version = version + 1;
    for (const auto& other : tx.suppliers(actor.org_id()))
      if (other.id != id && other.name == row.name) return Error::conflict("error.supplier_name_taken").with("value", row.name);
    if (!tx.update_supplier(actor.org_id(), row, version)) return stale(before);
    json after = supplier_json(content_, actor.lang, row);
    record_audit(tx, actor, "supplier.update", "supplier", id, before, after);
    return after;
  });
}

Result<json> change_subcontractor(Transaction& tx, const Content& content, const Actor& actor,
                                  const std::string& supplier_id, const std::string& name, const std::string& country_code,
                                  bool added) {
  auto current = tx.supplier(actor.org_id(), supplier_id);
  if (!current) return Error::not_found();
  Supplier s = supplier_of(*current);
  // The same company whatever the case of its letters ("Backup Nord AB", "backup nord ab").
  auto folded = [](const std::string& text) {
    std::string out;
    for (unsigned char c : text) out += char(std::tolower(c));
    return out;
  };
  auto same = [&](const Subcontractor& c) { return folded(c.name) == folded(name); };
  bool known = std::any_of(s.subcontractors.begin(), s.subcontractors.end(), same);
  if (added && !known) {
    std::string code = country_code;
    KK_TRY(country(json{{"subcontractor_country", code}}, "subcontractor_country", code, true));
    s.subcontractors.push_back({new_id(), name, code, "", ""});
  }
  if (!added) s.subcontractors.erase(std::remove_if(s.subcontractors.begin(), s.subcontractors.end(), same), s.subcontractors.end());
  if (added && known) return supplier_findings_json(content, actor.lang, check_supplier(s, stockholm_date(now_utc())));
  SupplierRow row = row_of(s);
  row.id = supplier_id;
  row.created_at = current->created_at;
  row.updated_at = now_utc();
  row.version = current->version + 1;
  if (!tx.update_supplier(actor.org_id(), row, current->version)) return Error::conflict("error.stale_version");
  record_audit(tx, actor, "supplier.update", "supplier", supplier_id, supplier_json(content, actor.lang, *current),
               supplier_json(content, actor.lang, row));
  return supplier_findings_json(content, actor.lang, check_supplier(s, stockholm_date(now_utc())));
}

Result<json> SupplierService::remove(const Actor& actor, const std::string& id, const json& body) {
  KK_TRY(authorize(actor, Permission::edit_suppliers));
  return write([&](Transaction& tx) -> Result<json> {
    auto current = tx.supplier(actor.org_id(), id);
    if (!current) return Error::not_found();
    KK_TRY(input::require_object(body));
    KK_TRY(input::only_fields(body, {"version"}));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    json before = supplier_json(content_, actor.lang, *current);
    if (current->version != version) return stale(before);
    if (tx.count_supplier_tenders(actor.org_id(), id) > 0)
      return Error::unprocessable("error.supplier_has_tenders", "id");
    for (const auto& u : tx.users(actor.org_id()))
      if (u.supplier_id == id) return Error::unprocessable("error.supplier_has_users", "id");
    tx.delete_supplier(actor.org_id(), id);
    record_audit(tx, actor, "supplier.delete", "supplier", id, before, nullptr);
    return json{{"removed", id}};
  });
}

}  // namespace kk::app
