#pragma once
// The organisation's supplier register: each supplier with its parent company, its Data
// Privacy Framework listing, certifications, subcontractors and contacts, and what should be
// looked at about it (domain/supplier.hpp) in the reader's language.
#include "app/service_base.hpp"
#include "domain/supplier.hpp"

namespace kk::app {

class SupplierService : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;

  // A page of the supplier register by name: {"items", "page"}; Page{-1, 0}: all of them.
  domain::Result<json> list(const Actor& actor, const Page& page);
  domain::Result<json> get(const Actor& actor, const std::string& id);
  // {"name", "org_number", "country", "parent_name", "parent_country", "dpf_listed",
  //  "dpf_checked_on", "note", "certifications": [...], "subcontractors": [...], "contacts": [...]}
  // A list given replaces the stored one; items keep their "id" or get one.
  domain::Result<json> create(const Actor& actor, const json& body);
  domain::Result<json> update(const Actor& actor, const std::string& id, const json& body);
  // Refused while the supplier has tenders.
  domain::Result<json> remove(const Actor& actor, const std::string& id, const json& body);
};

// A contract change that adds a subcontractor (with its country) or removes one (by name) is
// written into the register too, inside the caller's unit of work; the supplier's findings
// after it (a subcontractor in a third country, …) are returned.
domain::Result<json> change_subcontractor(Transaction& tx, const Content& content, const Actor& actor,
                                          const std::string& supplier_id, const std::string& name,
                                          const std::string& country, bool added);

// The supplier of a stored row (the details JSON read leniently: it was checked when written).
domain::Supplier supplier_of(const SupplierRow& row);
// A supplier's findings as JSON with their text in `lang`.
json supplier_findings_json(const Content& content, domain::Language lang,
                            const std::vector<domain::SupplierFinding>& findings);

}  // namespace kk::app
