#pragma once
// A supplier in the organisation's register and what should be looked at about it:
// certificates that are running out, a certificate whose Statement of Applicability does not
// say what it covers, a parent company or subcontractor in a third country, and a Data
// Privacy Framework listing that has not been checked for a year (seed 000 §4.4.4).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/enums.hpp"

namespace kk::domain {

KK_ENUM(CertificationKind, iso27001, iso27017, iso27018, soc2, csa_star, other)

struct Certification {
  std::string id;
  CertificationKind kind = CertificationKind::iso27001;
  std::string name;        // what an "other" certification is
  std::string issuer;      // the certification body
  std::optional<std::string> valid_from;   // YYYY-MM-DD
  std::optional<std::string> valid_until;  // YYYY-MM-DD
  std::string scope;       // the scope stated in the certificate and its Statement of Applicability
  std::vector<std::string> services;  // the services (deliveries) the scope covers
};

struct Subcontractor {
  std::string id;
  std::string name;
  std::string country;      // ISO 3166-1 alpha-2
  std::string information;  // what information it handles
  std::string service;      // which service it takes part in
};

struct Contact {
  std::string id;
  std::string name;
  std::string role;
  std::string email;
  std::string phone;
};

struct Supplier {
  std::string name;
  std::string org_number;
  std::string country;
  std::string parent_name;
  std::string parent_country;  // empty: no parent company
  bool dpf_listed = false;     // on the EU-US Data Privacy Framework list
  std::optional<std::string> dpf_checked_on;  // YYYY-MM-DD
  std::vector<Certification> certifications;
  std::vector<Subcontractor> subcontractors;
  std::vector<Contact> contacts;
  std::string note;
};

// Two capital letters (ISO 3166-1 alpha-2).
bool is_country_code(std::string_view code);
// Member states of the EU and the other EEA states (Iceland, Liechtenstein, Norway).
bool in_eu_eea(std::string_view code);

KK_ENUM(SupplierCheck, certificate_expired, certificate_expiring, scope_missing, scope_not_covering,
        supplier_third_country, parent_third_country, subcontractor_third_country, dpf_not_listed, dpf_check_old, dpf_not_checked)

struct SupplierFinding {
  SupplierCheck check;
  bool serious = false;  // a warning rather than a reminder
  std::string subject;   // the certificate, company or service it is about
  std::string date;      // the date it concerns, where there is one
};

// Certificates expiring within this many days are reminded of.
inline constexpr int certificate_reminder_days = 90;
// A Data Privacy Framework listing is checked again after this many days.
inline constexpr int dpf_recheck_days = 365;

// What to look at about a supplier on `today` (YYYY-MM-DD).
std::vector<SupplierFinding> check_supplier(const Supplier& s, std::string_view today);
// A finding when the supplier's valid ISO/IEC 27001 certificates list services and none of
// them is `service` (the delivery a tender offers).
std::vector<SupplierFinding> check_scope(const Supplier& s, std::string_view service, std::string_view today);

}  // namespace kk::domain
