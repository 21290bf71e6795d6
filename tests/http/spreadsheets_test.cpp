// Spreadsheets in and out: a catalogue exported and imported again as XLSX and CSV, a catalogue
// kept in Excel under its own column names, the asset inventory from a KLASSA-style file, and
// the specification as a tender platform's questionnaire. Every refusal lists its rows and
// imports nothing.
#include <algorithm>

#include "api_helpers.hpp"
#include "browser.hpp"
#include "io/table_export.hpp"
#include "io/xlsx_reader.hpp"

namespace kkt {
namespace {

Response upload(const Api& as, const std::string& path, const std::string& bytes, const std::string& type) {
  return as.send("POST", path, bytes, {{"Content-Type", type}});
}

std::size_t count_catalogue_versions(const Api& as, const std::string& id) {
  json list = expect_json(as.get("/api/v1/catalogs"), 200, "list");
  return static_cast<std::size_t>(std::count_if(list["items"].begin(), list["items"].end(),
                                                [&](const json& i) { return i["id"] == id; }));
}

// The rows of the first sheet of a workbook.
std::vector<std::vector<std::string>> sheet_rows(const std::string& xlsx) {
  auto sheets = kk::io::read_xlsx(xlsx);
  if (!sheets || sheets->empty()) throw std::runtime_error("not a readable workbook");
  return (*sheets)[0].rows;
}

std::size_t row_with(const std::vector<std::vector<std::string>>& rows, const std::string& first_cell) {
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (!rows[i].empty() && rows[i][0] == first_cell) return i;
  return rows.size();
}

}  // namespace

TEST(Spreadsheets, ACatalogueExportedAsCsvAndXlsxImportsBackAsTheSameCatalogue) {
  Org org("sheet-roundtrip");
  User ciso = org.user({"ciso", "procurer"});
  Api as = api(ciso);
  const std::string base = "/api/v1/catalogs/catalogue/kravkedja-bas/versions/1/catalogue";

  // The built-in catalogue as a workbook: its identity above the header, one row per requirement.
  auto xlsx = as.get(base + ".xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  auto rows = sheet_rows(xlsx.body);
  std::size_t header = row_with(rows, "Id");
  ASSERT_LT(header, rows.size());
  EXPECT_EQ(rows[row_with(rows, "Katalog-id")][1], "kravkedja-bas");
  EXPECT_EQ(rows[row_with(rows, "Version")][1], "1");
  std::size_t requirement_rows = rows.size() - header - 1;
  EXPECT_GT(requirement_rows, 50u);
  EXPECT_NE(std::find(rows[header].begin(), rows[header].end(), "Motiv"), rows[header].end());

  // The same version again is refused: a catalogue's versions only grow.
  EXPECT_TRUE(is_error(upload(as, "/api/v1/catalogs?name=bas.xlsx", xlsx.body, "application/octet-stream"), 409,
                       "error.version_not_newer"));

  // Version 2 from the CSV, changed only in its version, is the same catalogue: exported again
  // it is the same file but for that line.
  auto csv = as.get(base + ".csv");
  ASSERT_EQ(csv.status, 200);
  std::string v2 = csv.body;
  const std::string v1_line = "\r\nVersion;1\r\n";
  auto at = v2.find(v1_line);
  ASSERT_NE(at, std::string::npos) << v2.substr(0, 400);
  v2.replace(at, v1_line.size(), "\r\nVersion;2\r\n");
  json imported = expect_json(upload(as, "/api/v1/catalogs?name=bas-v2", v2, "text/csv; charset=utf-8"), 201, "csv");
  EXPECT_EQ(imported["format"], "csv");
  EXPECT_EQ(imported["id"], "kravkedja-bas");
  EXPECT_EQ(imported["version"], 2);
  EXPECT_EQ(imported["requirements"].get<std::size_t>(), requirement_rows);
  auto again = as.get("/api/v1/catalogs/catalogue/kravkedja-bas/versions/2/catalogue.csv");
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.body, v2);
  // It is stored as the YAML it became, and the built-in rules still fit it.
  auto yaml = as.get("/api/v1/catalogs/catalogue/kravkedja-bas/versions/2");
  EXPECT_EQ(yaml.status, 200);
  EXPECT_NE(yaml.body.find("id: \"kravkedja-bas\""), std::string::npos) << yaml.body.substr(0, 300);
  json list = expect_json(as.get("/api/v1/catalogs"), 200, "list");
  EXPECT_TRUE(list["rule_set_problems"].empty()) << list["rule_set_problems"];
  for (const auto& item : list["items"]) {
    if (item["id"] == "kravkedja-bas") {
      EXPECT_EQ(item["in_use"], item["version"] == 2) << item;
    }
  }
  // And version 3 from the workbook of version 2.
  auto xlsx2 = as.get("/api/v1/catalogs/catalogue/kravkedja-bas/versions/2/catalogue.xlsx");
  ASSERT_EQ(xlsx2.status, 200);
  EXPECT_TRUE(is_error(upload(as, "/api/v1/catalogs?name=bas.xlsx", xlsx2.body, "application/octet-stream"), 409,
                       "error.version_not_newer"));
}

TEST(Spreadsheets, ACatalogueKeptInExcelUnderItsOwnColumnNamesIsImported) {
  Org org("sheet-own");
  User ciso = org.user({"ciso", "procurer"});
  Api as = api(ciso);
  kk::io::Table t;
  t.sheet = "Krav";
  t.title = "Våra molnkrav";
  t.headers = {"Krav-ID", "Kategori", "Ska/bör", "Krav", "Motivering", "Vikt", "Ansvarig"};
  t.rows = {{"MK-1", "Behörighet", "ska", "Leverantören ska logga all åtkomst till personuppgifter.", "Spårbarhet", "", "Anna"},
            {"MK-2", "Behörighet", "bör", "Tvåfaktorsinloggning för alla administratörer.", "Stöld av konton", "6", "Anna"},
            {"MK-3", "Drift", "ska", "Data lagras inom EU/EES.", "Dataskyddsförordningen", "", "Bo"}};
  json summary = expect_json(upload(as, "/api/v1/catalogs?name=Molnkrav.xlsx", kk::io::write_table_xlsx(t),
                                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                             201, "import");
  EXPECT_EQ(summary["format"], "xlsx");
  EXPECT_EQ(summary["id"], "molnkrav");
  EXPECT_EQ(summary["version"], 1);
  EXPECT_EQ(summary["requirements"], 3);
  EXPECT_EQ(summary["areas"], 2);
  EXPECT_EQ(summary["ignored_columns"], json::array({"Ansvarig"}));
  // A case drawing on it gets its requirements by hand, with the reference back to the file.
  json body = case_body("KS 2027/610", "Molntjänst");
  body["catalogues"] = {"kravkedja-bas", "molnkrav"};
  std::string case_id = expect_json(as.post("/api/v1/cases", body), 201, "case")["id"];
  json added = expect_json(as.post(case_path(case_id) + "/specification/entries",
                                   {{"requirement_id", "MK-2"}, {"reason", "Vald i testet."}}),
                           201, "add MK-2");
  json entry = find_by(added["entries"], "requirement_id", "MK-2");
  EXPECT_EQ(entry["kind"], "bor");
  EXPECT_EQ(entry["weight"], 6);
  EXPECT_EQ(entry["references"]["sources"], json::array({"Molnkrav.xlsx, rad 5"}));
}

TEST(Spreadsheets, ARefusedCatalogueListsEveryRowItCannotTakeAndImportsNothing) {
  Org org("sheet-refused");
  User ciso = org.user({"ciso", "procurer"});
  Api as = api(ciso);
  std::string csv =
      "Id;Område;Typ;Kravtext;Motiv;Vikt\n"
      "F-1;Drift;ska;Text;Motiv;\n"
      "F-1;Drift;ska;Samma id;Motiv;\n"
      "F-2;Drift;kanske;Text;Motiv;\n"
      "F-3;Drift;bör;Text;Motiv;12\n"
      "F-4;Drift;ska;;Motiv;\n";
  auto before = count_catalogue_versions(as, "fel");
  auto refused = upload(as, "/api/v1/catalogs?name=fel", csv, "text/csv");
  ASSERT_TRUE(is_error(refused, 422, "error.catalogue_rejected", "file"));
  json problems = refused.json_body()["error"]["problems"];
  ASSERT_EQ(problems.size(), 4u) << problems;
  EXPECT_EQ(problems[0]["row"], 3);
  EXPECT_EQ(problems[0]["message"], "Rad 3: id F-1 finns redan på rad 2.");
  EXPECT_EQ(problems[1]["row"], 4);
  EXPECT_EQ(problems[1]["code"], "catalogue_row.bad_value");
  EXPECT_EQ(problems[2]["message"], "Rad 5: vikten ”12” ska vara ett heltal från 1 till 10.");
  EXPECT_EQ(problems[3]["message"], "Rad 6: Kravtext saknas.");
  EXPECT_EQ(refused.error_message(), "Katalogen kunde inte importeras: 4 fel. Inget importerades.");
  EXPECT_EQ(count_catalogue_versions(as, "fel"), before);
  // In English too.
  auto english = as.in("en").send("POST", "/api/v1/catalogs?name=fel.csv", csv, {{"Content-Type", "text/csv"}});
  EXPECT_EQ(english.json_body()["error"]["problems"][3]["message"], "Row 6: Kravtext is missing.");
  // No header row with the needed columns, and a file that is no spreadsheet at all.
  EXPECT_TRUE(is_error(upload(as, "/api/v1/catalogs?name=x.csv", "Nummer;Text\n1;Något\n", "text/csv"), 400,
                       "error.header_row_missing", "file"));
  EXPECT_TRUE(is_error(upload(as, "/api/v1/catalogs?name=x.xlsx", std::string("PK\x03\x04trasig", 10), "application/octet-stream"),
                       400, "error.xlsx_not_zip"));

  // The page lists the rows too.
  Browser b;
  b.sign_in(ciso.username, kTestPassword);
  auto page = b.post_files("/admin/catalogues", {{"name", ""}, {"yaml", ""}}, {{"file", "fel.csv", csv}});
  EXPECT_EQ(page.status, 422);
  EXPECT_TRUE(has(page, "<li>Rad 6: Kravtext saknas.</li>")) << page.body.substr(0, 3000);
  auto catalogue_page = b.get("/admin/catalogues");
  EXPECT_TRUE(has(catalogue_page, "/api/v1/catalogs/catalogue/kravkedja-bas/versions/1/catalogue.xlsx"));
}

TEST(Spreadsheets, AssetsAndTheirClassificationsComeFromAKlassaStyleFile) {
  Org org("sheet-assets");
  User ciso = org.user({"ciso", "procurer"});
  User owner = org.user({"information_owner"});
  Api as = api(ciso);
  std::string csv =
      "Informationstillgång;Beskrivning;Informationsägare;K;R;T;Personuppgifter\n"
      "Elevregister;Elever och vårdnadshavare;" + owner.username + ";K3;2;2;Ja\n"
      "Matsedlar;Veckans mat;;1;1;1;Nej\n";
  json first = expect_json(upload(as, "/api/v1/assets/import?name=klassa.csv", csv, "text/csv"), 200, "import");
  EXPECT_EQ(first["created"], 2);
  EXPECT_EQ(first["updated"], 0);
  json assets = expect_json(as.get("/api/v1/assets"), 200, "assets")["items"];
  json pupils = find_by(assets, "name", "Elevregister");
  ASSERT_TRUE(pupils.is_object()) << assets;
  EXPECT_EQ(pupils["classification"]["confidentiality"], 3);
  EXPECT_EQ(pupils["classification"]["integrity"], 2);
  EXPECT_EQ(pupils["owner_user_id"], owner.id);
  EXPECT_EQ(pupils["flags"]["personal_data"], true);

  // The same file again changes nothing; a new level updates the asset of that name.
  json same = expect_json(upload(as, "/api/v1/assets/import?name=klassa.csv", csv, "text/csv"), 200, "again");
  EXPECT_EQ(same["unchanged"], 2);
  std::string changed = "Namn;Konfidentialitet\nelevregister;2\n";
  json update = expect_json(upload(as, "/api/v1/assets/import?name=andring.csv", changed, "text/csv"), 200, "update");
  EXPECT_EQ(update["updated"], 1);
  json after = find_by(expect_json(as.get("/api/v1/assets"), 200, "assets")["items"], "name", "Elevregister");
  EXPECT_EQ(after["classification"]["confidentiality"], 2);
  EXPECT_EQ(after["version"], pupils["version"].get<int>() + 1);

  // Every row that cannot be taken, and then nothing at all.
  std::string bad =
      "Namn;Informationsägare;K;R;T\n"
      "Nytt system;okänd.person;1;1;1\n"
      "Ekonomi;;7;1;1\n"
      "Ekonomi;;1;1;1\n"
      "HR;;hög;1;1\n";
  auto refused = upload(as, "/api/v1/assets/import?name=fel.csv", bad, "text/csv");
  ASSERT_TRUE(is_error(refused, 422, "error.assets_rejected", "file"));
  json problems = refused.json_body()["error"]["problems"];
  ASSERT_EQ(problems.size(), 4u) << problems;
  EXPECT_EQ(problems[0]["code"], "asset_row.unknown_owner");
  EXPECT_EQ(problems[1]["row"], 3);
  EXPECT_EQ(problems[1]["code"], "asset_row.invalid");
  EXPECT_EQ(problems[2]["code"], "asset_row.duplicate_name");
  EXPECT_EQ(problems[3]["code"], "asset_row.bad_level");
  EXPECT_EQ(expect_json(as.get("/api/v1/assets"), 200, "assets")["items"].size(), 2u);
  // A reader may not import.
  User reader = org.user({"reader"});
  EXPECT_TRUE(is_error(upload(api(reader), "/api/v1/assets/import", csv, "text/csv"), 403));

  // The page: a workbook chosen and imported, or the rows listed.
  Browser b;
  b.sign_in(ciso.username, kTestPassword);
  kk::io::Table t{"Tillgångar", "Från KLASSA", {"Namn", "Tillgänglighet", "Konfidentialitet", "Riktighet"},
                  {{"Bygglov", "2", "1", "2"}}};
  auto imported = b.post_files("/assets/import", {}, {{"file", "tillgangar.xlsx", kk::io::write_table_xlsx(t)}});
  EXPECT_EQ(imported.status, 200) << imported.body.substr(0, 2000);
  EXPECT_TRUE(has(imported, "nya: 1")) << imported.body.substr(0, 3000);
  auto listed = b.post_files("/assets/import", {}, {{"file", "fel.csv", bad}});
  EXPECT_EQ(listed.status, 422);
  EXPECT_TRUE(has(listed, "Rad 2: informationsägaren ”okänd.person”")) << listed.body.substr(0, 3000);
}

TEST(Spreadsheets, TheSpecificationAsATenderPlatformsQuestionnaire) {
  Org org("sheet-questions");
  User ciso = org.user({"ciso", "procurer"});
  Api as = api(ciso);
  json asset = create_asset(as, asset_body("Journal", 3, 3, 2));
  std::string case_id = create_case(as, "KS 2027/620")["id"];
  expect_json(as.post(case_path(case_id) + "/assets", {{"asset_id", asset["id"]}}), 200, "link");
  json spec = expect_json(as.get(case_path(case_id) + "/specification"), 200, "spec");
  std::size_t active = 0;
  json a_ska, a_bor;
  for (const auto& e : spec["entries"]) {
    if (e["status"] != "active") continue;
    ++active;
    if (e["kind"] == "ska" && a_ska.is_null()) a_ska = e;
    if (e["kind"] == "bor" && a_bor.is_null()) a_bor = e;
  }
  ASSERT_FALSE(a_ska.is_null());

  auto xlsx = as.get(case_path(case_id) + "/specification/questionnaire.xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  auto rows = sheet_rows(xlsx.body);
  std::size_t header = row_with(rows, "Nr");
  ASSERT_LT(header, rows.size());
  EXPECT_EQ(rows[header], (std::vector<std::string>{"Nr", "Krav-id", "Grupp", "Rubrik", "Frågetext",
                                                     "Avgörande (ska-krav)", "Svarstyp", "Vikt", "Verifikat"}));
  EXPECT_EQ(rows.size() - header - 1, active);
  auto find_row = [&](const json& entry) {
    for (const auto& r : rows)
      if (r.size() > 1 && r[1] == entry["requirement_id"]) return r;
    return std::vector<std::string>{};
  };
  auto ska = find_row(a_ska);
  ASSERT_GE(ska.size(), 7u);
  EXPECT_EQ(ska[5], "Ja");
  EXPECT_TRUE(ska[6] == "Ja/Nej") << ska[6];
  EXPECT_EQ(ska[3].rfind(str(a_ska["requirement_id"]) + " ", 0), 0u) << ska[3];
  if (!a_bor.is_null()) {
    auto bor = find_row(a_bor);
    ASSERT_GE(bor.size(), 8u);
    EXPECT_EQ(bor[5], "Nej");
    EXPECT_EQ(bor[7], std::to_string(a_bor["weight"].get<int>()));
    std::string answer = str(a_bor["answer"]);
    if (answer == "yes_no" || answer == "acceptance") EXPECT_EQ(bor[6], "Ja/Nej");
    else EXPECT_TRUE(bor[6] == "Text" || bor[6] == "Dokument" || bor[6] == "Värde") << bor[6];
  }
  auto csv = as.get(case_path(case_id) + "/specification/questionnaire.csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("Nr;Krav-id;Grupp;Rubrik;Frågetext"), std::string::npos);

  // Paste-ready: a table per group with a copy button the script shows.
  Browser b;
  b.sign_in(ciso.username, kTestPassword);
  auto page = b.get("/cases/" + case_id + "/specification/questionnaire");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page, "<table id=\"questions-1\">"));
  EXPECT_TRUE(has(page, "data-copy=\"questions-1\" hidden>Kopiera tabellen"));
  EXPECT_TRUE(has(page, "<td>" + str(a_ska["requirement_id"]) + "</td>"));
  EXPECT_TRUE(has(b.get("/cases/" + case_id + "/specification"), "/specification/questionnaire.xlsx"));
}

}  // namespace kkt
