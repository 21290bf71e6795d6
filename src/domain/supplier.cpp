#include "domain/supplier.hpp"

#include "domain/deadline.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>

namespace kk::domain {

namespace {
constexpr std::array<std::string_view, 30> eu_eea = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
                                                     "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
                                                     "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"};

bool third_country(std::string_view code) { return !code.empty() && !in_eu_eea(code); }

// A link to the United States: the supplier, its parent or a subcontractor is there.
bool us_link(const Supplier& s) {
  if (s.country == "US" || s.parent_country == "US") return true;
  return std::any_of(s.subcontractors.begin(), s.subcontractors.end(),
                     [](const Subcontractor& c) { return c.country == "US"; });
}

bool expired(const Certification& c, std::string_view today) {
  return c.valid_until && days_between(today, *c.valid_until).value_or(0) < 0;
}

std::string certificate_name(const Certification& c) {
  return c.kind == CertificationKind::other && !c.name.empty() ? c.name : std::string(to_string(c.kind));
}
}  // namespace

bool is_country_code(std::string_view code) {
  return code.size() == 2 && std::all_of(code.begin(), code.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

bool in_eu_eea(std::string_view code) { return std::find(eu_eea.begin(), eu_eea.end(), code) != eu_eea.end(); }

std::vector<SupplierFinding> check_supplier(const Supplier& s, std::string_view today) {
  std::vector<SupplierFinding> out;
  for (const auto& c : s.certifications) {
    if (expired(c, today)) {
      out.push_back({SupplierCheck::certificate_expired, true, certificate_name(c), *c.valid_until});
    } else if (c.valid_until) {
      auto left = days_between(today, *c.valid_until);
      if (left && *left <= certificate_reminder_days)
        out.push_back({SupplierCheck::certificate_expiring, false, certificate_name(c), *c.valid_until});
    }
    if (c.kind == CertificationKind::iso27001 && c.scope.empty())
      out.push_back({SupplierCheck::scope_missing, true, certificate_name(c), ""});
  }
  if (third_country(s.country)) out.push_back({SupplierCheck::supplier_third_country, true, s.name, s.country});
  if (third_country(s.parent_country))
    out.push_back({SupplierCheck::parent_third_country, true, s.parent_name, s.parent_country});
  for (const auto& c : s.subcontractors)
    if (third_country(c.country)) out.push_back({SupplierCheck::subcontractor_third_country, true, c.name, c.country});
  if (us_link(s)) {
    if (!s.dpf_listed)
      out.push_back({SupplierCheck::dpf_not_listed, true, s.name, ""});
    else if (!s.dpf_checked_on)
      out.push_back({SupplierCheck::dpf_not_checked, true, s.name, ""});
    else if (auto age = days_between(*s.dpf_checked_on, today); age && *age > dpf_recheck_days)
      out.push_back({SupplierCheck::dpf_check_old, false, s.name, *s.dpf_checked_on});
  }
  return out;
}

std::vector<SupplierFinding> check_scope(const Supplier& s, std::string_view service, std::string_view today) {
  // Service names are typed by people: compared without case and surrounding spaces.
  auto same = [](std::string_view a, std::string_view b) {
    auto trim = [](std::string_view v) {
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
      return v;
    };
    a = trim(a), b = trim(b);
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
  };
  const Certification* uncovering = nullptr;
  for (const auto& c : s.certifications) {
    if (c.kind != CertificationKind::iso27001 || expired(c, today)) continue;  // an expired one is reported as such
    if (std::any_of(c.services.begin(), c.services.end(), [&](const std::string& x) { return same(x, service); }))
      return {};
    uncovering = &c;
  }
  if (service.empty() || !uncovering) return {};
  return {{SupplierCheck::scope_not_covering, true, certificate_name(*uncovering), std::string(service)}};
}

}  // namespace kk::domain
