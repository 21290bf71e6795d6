#include <gtest/gtest.h>

#include "web/forms.hpp"
#include "web/http.hpp"
#include "web/language.hpp"
#include "web/router.hpp"

using namespace kk::web;
using kk::domain::Language;

namespace {
Request request(std::string target, std::map<std::string, std::string> headers = {}) {
  Request r;
  r.method = "GET";
  r.target = std::move(target);
  r.headers = std::move(headers);
  split_target(r);
  return r;
}
}  // namespace

TEST(Router, MatchesPatternsAndCapturesSegments) {
  Router router;
  router.add("GET", "/api/v1/cases/{id}", [](RequestContext&) { return Response{}; });
  router.add("PATCH", "/api/v1/cases/{id}/activities/{key}", [](RequestContext&) { return Response{}; });
  auto m = router.match("PATCH", "/api/v1/cases/abc/activities/identify_need");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "abc");
  EXPECT_EQ(m.params.at("key"), "identify_need");
  auto wrong_method = router.match("DELETE", "/api/v1/cases/abc");
  EXPECT_EQ(wrong_method.route, nullptr);
  EXPECT_TRUE(wrong_method.path_known);
  EXPECT_EQ(router.match("GET", "/api/v1/cases").route, nullptr);
}

TEST(Attachment, AFileNameCannotBreakOutOfItsHeader) {
  // Found by fuzz_http_request: a name with a line break ended the header early.
  auto r = kk::web::Response::attachment("x", "application/pdf", "intyg\r\nSet-Cookie: a=b \"2026\".pdf");
  ASSERT_EQ(r.headers.size(), 2u);
  const std::string& value = r.headers[1].second;
  EXPECT_EQ(r.headers[1].first, "Content-Disposition");
  EXPECT_EQ(value.find_first_of("\r\n"), std::string::npos) << value;
  EXPECT_EQ(value,
            "attachment; filename=\"intyg__Set-Cookie: a=b _2026_.pdf\"; "
            "filename*=UTF-8''intyg%0D%0ASet-Cookie%3A%20a%3Db%20%222026%22.pdf");
  // Swedish names reach the browser whole through filename*.
  auto swedish = kk::web::Response::attachment("x", "application/pdf", "Åtgärdsplan.pdf");
  EXPECT_NE(swedish.headers[1].second.find("filename*=UTF-8''%C3%85tg%C3%A4rdsplan.pdf"), std::string::npos);
}

TEST(Language, QueryThenCookieThenAcceptLanguageThenSwedish) {
  EXPECT_EQ(negotiate_language(request("/cases?lang=en")), Language::en);
  EXPECT_EQ(negotiate_language(request("/cases", {{"cookie", "a=b; kk_lang=en"}})), Language::en);
  EXPECT_EQ(negotiate_language(request("/cases?lang=sv", {{"cookie", "kk_lang=en"}})), Language::sv);
  EXPECT_EQ(negotiate_language(request("/cases", {{"accept-language", "de-DE, en-GB;q=0.8, sv;q=0.5"}})), Language::en);
  EXPECT_EQ(negotiate_language(request("/cases", {{"accept-language", "sv-SE,sv;q=0.9,en;q=0.8"}})), Language::sv);
  EXPECT_EQ(negotiate_language(request("/cases", {{"accept-language", "fi"}})), Language::sv);
  EXPECT_EQ(negotiate_language(request("/cases?lang=xx")), Language::sv);
}

TEST(Forms, UrlEncodedBodiesDecodeSwedishLetters) {
  auto fields = parse_urlencoded("title=Trygghetslarm+f%C3%B6r+%C3%A4ldre&empty=&flag");
  EXPECT_EQ(fields.find("title")->second, "Trygghetslarm för äldre");
  EXPECT_EQ(fields.find("empty")->second, "");
  EXPECT_TRUE(fields.count("flag"));
}

TEST(Forms, FormValuesBecomeTheApisJson) {
  Form form{parse_urlencoded("estimated_value_sek=1500000&procedure=&can_run_followups=false&supplier_data_copies=1")};
  auto body = form_to_json(form, {{"estimated_value_sek", FieldKind::integer},
                                  {"procedure", FieldKind::optional_enum},
                                  {"can_run_followups", FieldKind::tri_state},
                                  {"supplier_data_copies", FieldKind::checkbox},
                                  {"supplier_remote_access", FieldKind::checkbox},
                                  {"title", FieldKind::text}});
  EXPECT_EQ(body["estimated_value_sek"], 1500000);
  EXPECT_TRUE(body["procedure"].is_null());
  EXPECT_EQ(body["can_run_followups"], false);
  EXPECT_EQ(body["supplier_data_copies"], true);
  EXPECT_EQ(body["supplier_remote_access"], false);
  EXPECT_FALSE(body.contains("title"));
}

TEST(Forms, NonNumericIntegerStaysTextSoValidationNamesTheField) {
  Form form{parse_urlencoded("estimated_value_sek=m%C3%A5nga")};
  auto body = form_to_json(form, {{"estimated_value_sek", FieldKind::integer}});
  EXPECT_TRUE(body["estimated_value_sek"].is_string());
}
