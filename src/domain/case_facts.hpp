#pragma once
// The facts of a case that rules read: the case classification per aspect and its
// maximum, the flags of its assets, and the case's own facts (kind, delivery model,
// hosting, operator, support, supplier access, law, …).
#include <map>
#include <optional>
#include <string>
#include <set>
#include <variant>

#include "domain/classification.hpp"
#include "domain/enums.hpp"

namespace kk::domain {

// A fact's value: unknown, a number (levels), a yes/no, or a text (enumerations).
using FactValue = std::variant<std::monostate, long long, bool, std::string>;

std::string fact_text(const FactValue& v);  // for reasons shown to people: "3", "true", "cloud_saas", ""

// What kind of value a fact holds: a level or count, a yes/no, or a text (enumeration).
enum class FactKind { number, boolean, text };

struct CaseFacts {
  std::map<std::string, FactValue> values;
  const FactValue& get(const std::string& name) const;
  static bool known(const std::string& name);  // a fact rules may refer to
  static FactKind kind_of(const std::string& name);  // for a known fact
};

struct CaseFactInput {
  CaseClassification classification;
  std::set<Flag> flags;
  CaseKind kind = CaseKind::procurement;
  ObjectType object_type = ObjectType::service;
  DeliveryModel delivery_model = DeliveryModel::cloud_saas;
  Law law = Law::LOU;
  std::optional<Procedure> procedure;
  Party operator_party = Party::own;
  Party support = Party::own;
  HostingLocation hosting_location = HostingLocation::own_premises;
  bool supplier_remote_access = false;
  bool supplier_data_copies = false;
  std::optional<OrgKind> org_kind;
  bool classification_complete = false;  // every linked asset classified with the complete method
  // Facts recorded on the case by its guided forms, governing documents and framework parties
  // (app/ reads them); an absent one is unknown.
  std::map<std::string, FactValue> recorded;
};

CaseFacts make_case_facts(const CaseFactInput& in);

}  // namespace kk::domain
