// Moving one organisation to another installation (issue 9): `kravkedja export-org` on the test
// database and `import-org` into a fresh database of the other engine (SQLite → PostgreSQL in
// the SQLite run, PostgreSQL → SQLite in the PostgreSQL run). The same API token then reads the
// same objects with the same ids from a server on the new database, and the audit chain holds.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api_helpers.hpp"

namespace kkt {
namespace {

// A fresh, migrated database of the engine the test database is not.
std::string other_engine_database(const std::string& label) {
  std::string url;
  if (config().db_kind == "sqlite") {
    const char* server = std::getenv("KK_TEST_PG_URL");
    if (!server || !*server)
      throw std::runtime_error("KK_TEST_PG_URL is not set: scripts/run-tests.sh starts PostgreSQL for both suites");
    std::string name = "kk_" + label + "_" + std::to_string(::getpid());
    program_output({"psql", server, "-q", "-c", "CREATE DATABASE " + name});
    url = std::string(server).substr(0, std::string(server).rfind('/') + 1) + name;
  } else {
    url = "sqlite:" + config().temp_dir + "/" + label + ".db";
  }
  auto migrated = run_kravkedja({"migrate", "--db", url});
  if (migrated.exit_code != 0) throw std::runtime_error("migrate " + url + ": " + migrated.err);
  return url;
}

json audit_of(const Api& as) { return expect_json(as.get("/api/v1/audit?limit=1000"), 200, "audit")["items"]; }

}  // namespace

TEST(OrgTransfer, AnOrganisationMovesToTheOtherEngineWithItsIdsTokensAndAuditChain) {
  Org org("move");
  User admin = org.user({"admin", "procurer", "information_owner", "ciso"});
  Api as = api(admin);
  json asset = asset_body("Skolans elevregister", 3, 2, 2);
  asset["owner_user_id"] = admin.id;
  std::string asset_id = create_asset(as, asset)["id"];
  std::string case_id = create_case(as, case_body("KS 2026/flytt", "Elevregister"))["id"];
  expect_json(as.post(case_path(case_id) + "/assets", {{"asset_id", asset_id}}), 200, "link");
  pass_gate(as, case_id, "need_identified");
  expect_json(as.post(case_path(case_id) + "/risks", {{"stage", "initial"}, {"title", "Läckage av betyg"}, {"likelihood", 2},
                                                     {"consequence", 3}, {"asset_ids", {asset_id}}}),
              201, "risk");
  const std::vector<std::string> reads = {"/api/v1/assets", asset_path(asset_id), "/api/v1/cases", case_path(case_id),
                                          case_path(case_id) + "/risks", case_path(case_id) + "/specification",
                                          "/api/v1/users"};

  std::string file = config().temp_dir + "/move.json";
  auto exported = run_kravkedja({"export-org", org.name(), file, "--db", config().db_url});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_NE(exported.out.find("exporterades till"), std::string::npos) << exported.out;
  EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::others_read, std::filesystem::perms::none)
      << "the file holds password hashes: not for every user of the machine";
  json source_audit = audit_of(as);
  EXPECT_EQ(source_audit[0]["action"], "organisation.exported");
  std::map<std::string, json> before;
  for (const auto& path : reads) before[path] = expect_json(as.get(path), 200, path);

  std::string target = other_engine_database("move");
  auto imported = run_kravkedja({"import-org", file, "--db", target});
  ASSERT_EQ(imported.exit_code, 0) << imported.err << imported.out;
  EXPECT_NE(imported.out.find("Granskningsloggens kedja håller."), std::string::npos) << imported.out;
  auto verified = run_kravkedja({"audit", "verify", "--db", target});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;

  // The same token, the same ids, the same objects, served from the other engine.
  ExtraServer there(config().binary, {}, {}, target);
  Api moved = as.on(there.port());
  for (const auto& path : reads) EXPECT_EQ(expect_json(moved.get(path), 200, path), before[path]) << path;
  json target_audit = audit_of(moved);
  ASSERT_EQ(target_audit.size(), source_audit.size() + 1);
  EXPECT_EQ(target_audit[0]["action"], "organisation.imported");
  EXPECT_EQ(target_audit[0]["after"]["sha256"].get<std::string>().size(), 64u);
  for (std::size_t i = 0; i < source_audit.size(); ++i)
    EXPECT_EQ(target_audit[i + 1], source_audit[i]) << "entry " << source_audit[i]["seq"];

  // Work goes on there, chained on.
  expect_json(moved.post("/api/v1/assets", asset_body("Nytt register efter flytten")), 201, "write after the move");
  EXPECT_EQ(run_kravkedja({"audit", "verify", "--db", target}).exit_code, 0);

  // A second import is refused and changes nothing.
  auto again = run_kravkedja({"import-org", file, "--db", target});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("finns redan här"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("Ingenting importerades."), std::string::npos) << again.err;
  EXPECT_EQ(audit_of(moved).size(), target_audit.size() + 1);
}

TEST(OrgTransfer, ADamagedOrForgedFileIsRefusedNamingTableAndRowAndNothingIsWritten) {
  Org org("move-bad");
  User admin = org.user({"admin", "procurer"});
  create_asset(api(admin), asset_body("Register"));
  std::string file = config().temp_dir + "/move-bad.json";
  ASSERT_EQ(run_kravkedja({"export-org", org.name(), file, "--db", config().db_url}).exit_code, 0);
  json doc = json::parse(read_file(file));

  auto refused = [&](json changed, const std::string& label, const std::string& expected) {
    std::string path = config().temp_dir + "/" + label + ".json";
    std::ofstream(path) << changed.dump();
    std::string target = "sqlite:" + config().temp_dir + "/" + label + ".db";
    ASSERT_EQ(run_kravkedja({"migrate", "--db", target}).exit_code, 0);
    auto r = run_kravkedja({"import-org", path, "--db", target});
    EXPECT_EQ(r.exit_code, 1) << label;
    EXPECT_NE(r.err.find(expected), std::string::npos) << label << ": " << r.err;
    EXPECT_EQ(program_output({"sqlite3", target.substr(7), "SELECT count(*) FROM organisations"}), "0")
        << label << ": nothing written";
  };
  // A row of another organisation slipped into the file.
  json forged = doc;
  forged["tables"]["assets"]["rows"][0][0] = "00000000-0000-4000-8000-000000000001";
  refused(forged, "forged", "tabellen assets rad 1: org_id är en annan organisations");
  // A row cut short.
  json cut = doc;
  cut["tables"]["users"]["rows"][0].erase(cut["tables"]["users"]["rows"][0].size() - 1);
  refused(cut, "cut", "tabellen users rad 1: ska ha");
  // A column this installation does not have.
  json unknown = doc;
  unknown["tables"]["cases"]["columns"].push_back("favourite_colour");
  refused(unknown, "column", "kolumnen \"favourite_colour\" finns inte");
  // An audit entry changed in the file: the chain it brings does not hold, and nothing is written.
  json altered = doc;
  json& audit = altered["tables"]["audit_log"];
  std::size_t after_column = 0;
  for (std::size_t i = 0; i < audit["columns"].size(); ++i)
    if (audit["columns"][i] == "after_json") after_column = i;
  ASSERT_GT(after_column, 0u);
  audit["rows"][0][after_column] = R"({"name":"Ändrad i efterhand"})";
  refused(altered, "altered", "granskningsloggen i filen håller inte vid post");
  // Not an export at all.
  refused(json{{"hello", "world"}}, "other", "ingen export av en organisation");
  std::ofstream(config().temp_dir + "/broken.json") << "{\"format\": ";
  auto broken = run_kravkedja({"import-org", config().temp_dir + "/broken.json", "--db", config().db_url});
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.err.find("ingen giltig JSON-fil"), std::string::npos) << broken.err;
}

}  // namespace kkt
