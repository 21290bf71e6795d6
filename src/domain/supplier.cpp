#include "domain/supplier.hpp"

#include <algorithm>
#include <array>
#include <chrono>

namespace kk::domain {

namespace {
constexpr std::array<std::string_view, 30> eu_eea = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
                                                     "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
                                                     "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"};

std::optional<std::chrono::sys_days> parse_day(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t n) -> std::optional<int> {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (d[i] < '0' || d[i] > '9') return std::nullopt;
      v = v * 10 + (d[i] - '0');
    }
    return v;
  };
  auto y = digits(0, 4), m = digits(5, 2), day = digits(8, 2);
  if (!y || !m || !day) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                                  std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

bool third_country(std::string_view code) { return !code.empty() && !in_eu_eea(code); }

// A link to the United States: the supplier, its parent or a subcontractor is there.
bool us_link(const Supplier& s) {
  if (s.country == "US" || s.parent_country == "US") return true;
  return std::any_of(s.subcontractors.begin(), s.subcontractors.end(),
                     [](const Subcontractor& c) { return c.country == "US"; });
}

std::string certificate_name(const Certification& c) {
  return c.kind == CertificationKind::other && !c.name.empty() ? c.name : std::string(to_string(c.kind));
}
}  // namespace

bool is_country_code(std::string_view code) {
  return code.size() == 2 && std::all_of(code.begin(), code.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

bool in_eu_eea(std::string_view code) { return std::find(eu_eea.begin(), eu_eea.end(), code) != eu_eea.end(); }

std::optional<long> days_between(std::string_view a, std::string_view b) {
  auto from = parse_day(a), to = parse_day(b);
  if (!from || !to) return std::nullopt;
  return static_cast<long>((*to - *from).count());
}

std::vector<SupplierFinding> check_supplier(const Supplier& s, std::string_view today) {
  std::vector<SupplierFinding> out;
  for (const auto& c : s.certifications) {
    if (c.valid_until) {
      auto left = days_between(today, *c.valid_until);
      if (left && *left < 0)
        out.push_back({SupplierCheck::certificate_expired, true, certificate_name(c), *c.valid_until});
      else if (left && *left <= certificate_reminder_days)
        out.push_back({SupplierCheck::certificate_expiring, false, certificate_name(c), *c.valid_until});
    }
    if (c.kind == CertificationKind::iso27001 && c.scope.empty())
      out.push_back({SupplierCheck::scope_missing, true, certificate_name(c), ""});
  }
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
  std::vector<SupplierFinding> out;
  if (service.empty()) return out;
  for (const auto& c : s.certifications) {
    if (c.kind != CertificationKind::iso27001) continue;
    if (c.valid_until && days_between(today, *c.valid_until).value_or(0) < 0) continue;  // reported as expired
    if (std::find(c.services.begin(), c.services.end(), service) == c.services.end())
      out.push_back({SupplierCheck::scope_not_covering, true, certificate_name(c), std::string(service)});
  }
  return out;
}

}  // namespace kk::domain
