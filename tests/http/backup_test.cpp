// Backups of the embedded database: taken while the service goes on writing, restored into a
// database of its own, and compared — everything acknowledged before the backup is in it, the
// audit chains verify, and the restore itself is in every organisation's log. PostgreSQL
// installations use pg_dump; the command says so.
#include <atomic>
#include <fstream>
#include <thread>

#include "api_helpers.hpp"

using namespace kkt;

TEST(Backup, TakenWhileTheServiceWritesAndRestoredWithTheRestoreInTheLog) {
  Org org("backup");
  Api as = api(org.user({"ciso", "admin"}));
  std::string file = config().temp_dir + "/" + unique_name("backup") + ".db";
  if (config().db_kind != "sqlite") {
    auto refused = run_kravkedja({"backup", file, "--db", config().db_url});
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.err.find("pg_dump"), std::string::npos) << refused.err;
    return;
  }
  std::vector<std::string> before;
  for (int i = 0; i < 5; ++i) before.push_back(create_asset(as, asset_body("Före " + std::to_string(i)))["id"]);

  // Writes go on during the backup.
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    for (int i = 0; !stop; ++i)
      if (as.post("/api/v1/assets", asset_body("Under " + std::to_string(i))).status == 201) ++written;
  });
  auto taken = run_kravkedja({"backup", file, "--db", config().db_url});
  stop = true;
  writer.join();
  ASSERT_EQ(taken.exit_code, 0) << taken.err;
  EXPECT_NE(taken.out.find("Säkerhetskopian skrevs till " + file), std::string::npos) << taken.out;
  EXPECT_GT(written.load(), 0);

  std::string restored = "sqlite:" + config().temp_dir + "/" + unique_name("restored") + ".db";
  auto back = run_kravkedja({"restore", file, "--db", restored});
  ASSERT_EQ(back.exit_code, 0) << back.out << back.err;
  EXPECT_NE(back.out.find("Databasen återställdes"), std::string::npos) << back.out;
  std::string path = restored.substr(7);
  auto value = [&](const std::string& sql) { return program_output({"sqlite3", path, sql}); };
  json me = expect_json(as.get("/api/v1/me"), 200, "me");
  std::string org_id = me["organisation"]["id"];
  for (const auto& id : before)
    EXPECT_EQ(value("SELECT count(*) FROM assets WHERE asset_id = '" + id + "'"), "1") << id;
  EXPECT_EQ(value("SELECT count(*) FROM audit_log WHERE org_id = '" + org_id + "' AND action = 'system.restore'"), "1");
  auto verified = run_kravkedja({"audit", "verify", "--db", restored});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
  // The live database was not touched by the restore.
  EXPECT_EQ(sql_output("SELECT count(*) FROM audit_log WHERE action = 'system.restore' AND org_id = '" + org_id + "'"), "0");

  // Something that is not a backup is refused, and nothing is changed.
  std::string junk = config().temp_dir + "/inte-en-kopia.db";
  { std::ofstream(junk) << "hej"; }
  auto refused = run_kravkedja({"restore", junk, "--db", restored});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_EQ(run_kravkedja({"audit", "verify", "--db", restored}).exit_code, 0);
}
