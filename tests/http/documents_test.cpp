// The downloads of a case's specification hold what the specification holds: the DOCX
// read by LibreOffice, the XLSX read back, CSV as Swedish Excel wants it, and PDF.
#include "api_helpers.hpp"
#include "io/office_convert.hpp"
#include "io/xlsx_reader.hpp"

namespace kkt {
namespace {

struct Prepared {
  User user;
  std::string case_id;
  json spec;          // after one requirement was struck
  std::string struck;
};

Prepared prepared_case(const std::string& label, const std::string& number) {
  Org org(label);
  Prepared p{org.user({"procurer"}), "", {}, ""};
  json asset = create_asset(api(p.user), asset_body("Larmregister", 2, 2, 2));
  json kase = create_case(api(p.user), number.c_str());
  p.case_id = str(kase["id"]);
  expect_json(api(p.user).post(case_path(p.case_id) + "/assets", {{"asset_id", asset["id"]}}), 200, "link");
  json spec = expect_json(api(p.user).get(case_path(p.case_id) + "/specification"), 200, "spec");
  p.struck = str(spec["entries"][0]["requirement_id"]);
  p.spec = expect_json(api(p.user).patch(case_path(p.case_id) + "/specification/entries/" + p.struck,
                                         {{"version", 0}, {"status", "struck"}, {"reason", "Inte aktuellt här."}}),
                       200, "strike");
  return p;
}

std::vector<json> active_entries(const json& spec) {
  std::vector<json> out;
  for (const auto& e : spec["entries"])
    if (e["status"] == "active") out.push_back(e);
  return out;
}

// Words of the text without the characters layouts may break lines at.
std::string squeeze(std::string s) {
  std::string out;
  for (char c : s)
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') out += c;
  return out;
}

}  // namespace

TEST(Documents, DocxReadByLibreOfficeHoldsEveryActiveRequirementAndNotTheStruckOne) {
  Prepared p = prepared_case("doc-docx", "KS 2026/301");
  auto r = api(p.user).get(case_path(p.case_id) + "/specification.docx");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.header("content-type").find("wordprocessingml"), std::string::npos);
  EXPECT_NE(r.header("content-disposition").find("kravspecifikation-KS-2026-301.docx"), std::string::npos);
  auto text = kk::io::convert_with_libreoffice(r.body, "docx", "txt:Text");
  ASSERT_TRUE(text.ok()) << "LibreOffice must be installed (scripts/install-deps.sh) and convert the DOCX";
  std::string flat = squeeze(*text);
  EXPECT_NE(text->find("Villkor för informationssäkerhet"), std::string::npos);
  EXPECT_NE(text->find("KS 2026/301"), std::string::npos);
  auto entries = active_entries(p.spec);
  ASSERT_FALSE(entries.empty());
  for (const auto& e : entries) {
    EXPECT_NE(text->find(str(e["requirement_id"])), std::string::npos) << e["requirement_id"];
    EXPECT_NE(flat.find(squeeze(str(e["ska_text"]))), std::string::npos) << e["requirement_id"];
  }
  // The struck requirement is neither among the requirements nor in the reasons appendix.
  EXPECT_EQ(text->find(" " + p.struck + " "), std::string::npos);
  EXPECT_EQ(text->find(p.struck + " –"), std::string::npos);
}

TEST(Documents, XlsxAnswerMatrixHasOneRowPerActiveRequirement) {
  Prepared p = prepared_case("doc-xlsx", "KS 2026/302");
  auto r = api(p.user).get(case_path(p.case_id) + "/specification.xlsx");
  ASSERT_EQ(r.status, 200);
  auto sheets = kk::io::read_xlsx(r.body);
  ASSERT_TRUE(sheets.ok()) << sheets.error().key;
  ASSERT_FALSE(sheets->empty());
  std::map<std::string, std::vector<std::string>> rows_by_id;
  for (const auto& row : (*sheets)[0].rows)
    for (const auto& cell : row)
      if (!cell.empty() && cell.find('-') == 3 && cell.size() == 6) rows_by_id[cell] = row;
  auto entries = active_entries(p.spec);
  EXPECT_EQ(rows_by_id.size(), entries.size());
  for (const auto& e : entries) {
    auto it = rows_by_id.find(str(e["requirement_id"]));
    ASSERT_NE(it, rows_by_id.end()) << e["requirement_id"];
    bool has_text = false;
    for (const auto& cell : it->second) has_text = has_text || cell.rfind(str(e["ska_text"]), 0) == 0;  // may end "(eller likvärdigt)"
    EXPECT_TRUE(has_text) << e["requirement_id"];
  }
  EXPECT_EQ(rows_by_id.count(p.struck), 0u);
}

TEST(Documents, CsvIsUtf8WithBomAndSemicolons) {
  Prepared p = prepared_case("doc-csv", "KS 2026/303");
  auto r = api(p.user).get(case_path(p.case_id) + "/specification.csv");
  ASSERT_EQ(r.status, 200);
  ASSERT_GE(r.body.size(), 3u);
  EXPECT_EQ(r.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(r.body.find("Nr;Id;"), std::string::npos);
  for (const auto& e : active_entries(p.spec)) EXPECT_NE(r.body.find(";" + str(e["requirement_id"]) + ";"), std::string::npos);
  EXPECT_EQ(r.body.find(";" + p.struck + ";"), std::string::npos);
}

TEST(Documents, MarkdownJsonAndPdfAreOffered) {
  Prepared p = prepared_case("doc-more", "KS 2026/304");
  auto md = api(p.user).get(case_path(p.case_id) + "/specification.md");
  ASSERT_EQ(md.status, 200);
  EXPECT_EQ(md.body.rfind("# Bilaga", 0), 0u);
  auto js = api(p.user).get(case_path(p.case_id) + "/specification.json");
  ASSERT_EQ(js.status, 200);
  json j = js.json_body();
  EXPECT_EQ(j["case"]["registry_number"], "KS 2026/304");
  EXPECT_EQ(j["entries"].size(), p.spec["entries"].size());
  auto pdf = api(p.user).get(case_path(p.case_id) + "/specification.pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0u);
}

TEST(Documents, AnotherOrganisationCannotDownload) {
  Prepared p = prepared_case("doc-tenant", "KS 2026/305");
  Org other("doc-other");
  User stranger = other.user({"procurer"});
  for (const char* ext : {"docx", "xlsx", "csv", "md", "json", "pdf"})
    EXPECT_TRUE(is_error(api(stranger).get(case_path(p.case_id) + "/specification." + ext), 404, "error.not_found")) << ext;
}

}  // namespace kkt
