#include <gtest/gtest.h>

#include "domain/deadline.hpp"
#include "domain/supplier.hpp"

using namespace kk::domain;

namespace {
bool has(const std::vector<SupplierFinding>& fs, SupplierCheck c, const std::string& subject = "") {
  for (const auto& f : fs)
    if (f.check == c && (subject.empty() || f.subject == subject)) return true;
  return false;
}

Supplier eu_supplier() {
  Supplier s;
  s.name = "Molnbolaget AB";
  s.country = "SE";
  Certification iso;
  iso.kind = CertificationKind::iso27001;
  iso.valid_until = "2027-06-30";
  iso.scope = "Drift av e-tjänstplattformen";
  iso.services = {"E-tjänstplattform"};
  s.certifications.push_back(iso);
  return s;
}
}  // namespace

TEST(Supplier, CountriesOfTheEuAndEea) {
  EXPECT_TRUE(in_eu_eea("SE"));
  EXPECT_TRUE(in_eu_eea("NO"));
  EXPECT_FALSE(in_eu_eea("US"));
  EXPECT_FALSE(in_eu_eea("GB"));
  EXPECT_TRUE(is_country_code("US"));
  EXPECT_FALSE(is_country_code("us"));
  EXPECT_FALSE(is_country_code("USA"));
}

TEST(Supplier, ASupplierInTheEuWithAValidCertificateHasNothingToLookAt) {
  EXPECT_TRUE(check_supplier(eu_supplier(), "2026-11-22").empty());
}

TEST(Supplier, CertificatesRunningOutAreRemindedOfAndExpiredOnesWarned) {
  Supplier s = eu_supplier();
  auto soon = check_supplier(s, "2027-04-15");  // 76 days left
  ASSERT_TRUE(has(soon, SupplierCheck::certificate_expiring));
  EXPECT_FALSE(soon.front().serious);
  EXPECT_TRUE(check_supplier(s, "2027-03-31").empty());  // 91 days left
  auto late = check_supplier(s, "2027-07-01");
  EXPECT_TRUE(has(late, SupplierCheck::certificate_expired));
  EXPECT_FALSE(has(late, SupplierCheck::certificate_expiring));
}

TEST(Supplier, AnIsoCertificateWithoutScopeIsWarned) {
  Supplier s = eu_supplier();
  s.certifications[0].scope.clear();
  EXPECT_TRUE(has(check_supplier(s, "2026-11-22"), SupplierCheck::scope_missing));
}

TEST(Supplier, ScopeNotCoveringTheDeliveryIsWarned) {
  Supplier s = eu_supplier();
  EXPECT_TRUE(check_scope(s, "E-tjänstplattform", "2026-11-22").empty());
  auto fs = check_scope(s, "Ärendehantering", "2026-11-22");
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].check, SupplierCheck::scope_not_covering);
  EXPECT_EQ(fs[0].date, "Ärendehantering");
}

TEST(Supplier, ThirdCountryParentsAndSubcontractorsAreWarned) {
  Supplier s = eu_supplier();
  s.parent_name = "Cloud Holdings Inc.";
  s.parent_country = "US";
  s.subcontractors.push_back({"1", "Support Ltd", "IN", "Ärendeloggar", "Support"});
  s.subcontractors.push_back({"2", "Hall AB", "SE", "", "Drift"});
  auto fs = check_supplier(s, "2026-11-22");
  EXPECT_TRUE(has(fs, SupplierCheck::parent_third_country, "Cloud Holdings Inc."));
  EXPECT_TRUE(has(fs, SupplierCheck::subcontractor_third_country, "Support Ltd"));
  EXPECT_FALSE(has(fs, SupplierCheck::subcontractor_third_country, "Hall AB"));
  EXPECT_TRUE(has(fs, SupplierCheck::dpf_not_listed));  // a US parent and no listing
  s.country = "CH";
  EXPECT_TRUE(has(check_supplier(s, "2026-11-22"), SupplierCheck::supplier_third_country));
}

TEST(Supplier, OneCertificateCoveringTheServiceIsEnough) {
  Supplier s = eu_supplier();
  Certification other = s.certifications[0];
  other.services = {"Support"};
  s.certifications.push_back(other);
  EXPECT_TRUE(check_scope(s, " e-tjänstplattform ", "2026-11-22").empty()) << "case and spaces do not matter";
  EXPECT_EQ(check_scope(s, "Ärendehantering", "2026-11-22").size(), 1u);
}

TEST(Supplier, ADataPrivacyFrameworkCheckOlderThanAYearIsReminded) {
  Supplier s = eu_supplier();
  s.country = "US";
  s.dpf_listed = true;
  EXPECT_TRUE(has(check_supplier(s, "2026-11-22"), SupplierCheck::dpf_not_checked));
  s.dpf_checked_on = "2026-01-10";
  EXPECT_FALSE(has(check_supplier(s, "2026-11-22"), SupplierCheck::dpf_check_old));
  s.dpf_checked_on = "2025-11-20";
  EXPECT_TRUE(has(check_supplier(s, "2026-11-22"), SupplierCheck::dpf_check_old));
}

TEST(Deadline, DatesAndTimesAreStockholmTimeStoredAsUtc) {
  EXPECT_EQ(parse_moment("2026-12-01"), "2026-12-01T22:59:59Z");        // winter: UTC+1, end of the day
  EXPECT_EQ(parse_moment("2026-06-15T12:00"), "2026-06-15T10:00:00Z");  // summer: UTC+2
  EXPECT_EQ(parse_moment("2026-06-15 12:00:30"), "2026-06-15T10:00:30Z");
  EXPECT_EQ(parse_moment("2026-06-15T12:00:30Z"), "2026-06-15T12:00:30Z");
  EXPECT_EQ(parse_moment("2026-03-29T03:30"), "2026-03-29T01:30:00Z");  // just after the spring switch
  EXPECT_EQ(parse_moment("2026-10-25T03:30"), "2026-10-25T02:30:00Z");  // just after the autumn switch
  EXPECT_FALSE(parse_moment("2026-02-30"));
  EXPECT_FALSE(parse_moment("2026-12-01T25:00"));
  EXPECT_FALSE(parse_moment("1 december"));
  EXPECT_EQ(stockholm_time("2026-06-15T10:00:00Z"), "2026-06-15 12:00");
  EXPECT_EQ(stockholm_time("2026-12-01T22:59:59Z"), "2026-12-01 23:59");
  EXPECT_EQ(stockholm_date("2026-12-31T23:30:00Z"), "2027-01-01");
}

TEST(Deadline, TheStandstillEndsWhenItsLastDayEnds) {
  // A decision sent on Wednesday 2 December at 14:00: fifteen days end on Thursday 17 December.
  EXPECT_EQ(stockholm_time(end_of_day_after("2026-12-02T13:00:00Z", 15)), "2026-12-17 23:59");
  EXPECT_EQ(end_of_day_after("2026-12-03T13:00:00Z", 10), "2026-12-14T22:59:59Z");  // Sunday the 13th: Monday
  // Ten days on Saturday 12 December: the period ends on Monday the 14th.
  EXPECT_EQ(stockholm_time(end_of_day_after("2026-12-02T13:00:00Z", 10)), "2026-12-14 23:59");
  // Christmas Eve, Christmas Day and the weekend after: Monday 28 December.
  EXPECT_EQ(stockholm_time(end_of_day_after("2026-12-14T09:00:00Z", 10)), "2026-12-28 23:59");
}

TEST(Deadline, SwedishHolidays) {
  using namespace std::chrono;
  auto day = [](int y, unsigned m, unsigned d) { return sys_days{year_month_day{year{y}, month{m}, std::chrono::day{d}}}; };
  EXPECT_TRUE(swedish_holiday(day(2026, 4, 3)));    // Good Friday 2026
  EXPECT_TRUE(swedish_holiday(day(2026, 4, 6)));    // Easter Monday
  EXPECT_TRUE(swedish_holiday(day(2026, 5, 14)));   // Ascension Day
  EXPECT_TRUE(swedish_holiday(day(2026, 6, 19)));   // Midsummer Eve
  EXPECT_TRUE(swedish_holiday(day(2027, 3, 26)));   // Good Friday 2027
  EXPECT_FALSE(swedish_holiday(day(2026, 4, 7)));   // an ordinary Tuesday
  EXPECT_FALSE(swedish_holiday(day(2026, 6, 18)));  // the Thursday before Midsummer
}
