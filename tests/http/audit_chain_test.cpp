// The audit log as a tamper-evident chain: `kravkedja audit verify` passes on the log the
// service writes and names the first entry that was changed directly in the database, on
// both engines (through their own command-line clients, as an intruder with database access
// would), and notices entries missing at the end of an organisation's log.
#include "api_helpers.hpp"
#include "browser.hpp"

namespace kkt {
namespace {

CommandResult verify() { return run_kravkedja({"audit", "verify", "--db", config().db_url}); }

TEST(AuditChain, VerifyPassesOnTheLogAndNamesTheEntryChangedDirectlyInTheDatabase) {
  Org org("audit-chain");
  Api admin = api(org.user({"admin", "ciso"}));
  for (int i = 0; i < 3; ++i) create_asset(admin, asset_body("Register " + std::to_string(i)));
  json organisation = expect_json(admin.get("/api/v1/organisation"), 200, "organisation");
  std::string org_id = organisation["id"];
  std::string org_name = organisation["name"];

  auto ok = verify();
  ASSERT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("Granskningsloggen är obruten"), std::string::npos) << ok.out;

  json items = audit_items(admin, 10);
  ASSERT_GE(items.size(), 3u);
  std::int64_t last = items[0]["seq"], middle = items[1]["seq"];
  EXPECT_EQ(str(items[0]["hash"]).size(), 64u);
  std::string where = " WHERE org_id = '" + org_id + "' AND seq = " + std::to_string(middle);

  // A changed name in one entry: that entry is named, and only that organisation.
  run_sql("UPDATE audit_log SET actor_name = 'Någon annan'" + where);
  auto altered = verify();
  EXPECT_EQ(altered.exit_code, 1);
  EXPECT_NE(altered.out.find("Organisationen " + org_name + ": post " + std::to_string(middle) + " har ändrats"),
            std::string::npos)
      << altered.out;
  EXPECT_EQ(altered.out.find("obruten"), std::string::npos);
  run_sql("UPDATE audit_log SET actor_name = '" + str(items[1]["actor_name"]) + "'" + where);
  EXPECT_EQ(verify().exit_code, 0) << "restored, the chain holds again";

  // An entry whose hash was recomputed to hide a change no longer follows the one before it.
  run_sql("UPDATE audit_log SET prev_hash = 'ffff'" + where);
  auto relinked = verify();
  EXPECT_EQ(relinked.exit_code, 1);
  EXPECT_NE(relinked.out.find("post " + std::to_string(middle)), std::string::npos) << relinked.out;
  run_sql("UPDATE audit_log SET prev_hash = (SELECT entry_hash FROM audit_log WHERE org_id = '" + org_id +
          "' AND seq = " + std::to_string(middle - 1) + ")" + where);
  EXPECT_EQ(verify().exit_code, 0);

  // The counter knows how many entries there were: one missing at the end is named.
  run_sql("UPDATE organisations SET audit_seq = audit_seq + 1 WHERE org_id = '" + org_id + "'");
  auto short_log = verify();
  EXPECT_EQ(short_log.exit_code, 1);
  EXPECT_NE(short_log.out.find("från och med " + std::to_string(last + 1) + " saknas"), std::string::npos) << short_log.out;
  run_sql("UPDATE organisations SET audit_seq = audit_seq - 1 WHERE org_id = '" + org_id + "'");
  EXPECT_EQ(verify().exit_code, 0);
}

TEST(AuditChain, FailedSignInsAndDeniedRequestsAreSecurityEventsWithoutSecrets) {
  Org org("audit-security");
  User admin_user = org.user({"admin"});
  Api admin = api(admin_user);
  User reader = org.user({"reader"});
  Browser b;
  auto failed = b.post("/login", {{"username", reader.username}, {"password", "gissat-lösenord-123"}}, false);
  EXPECT_EQ(failed.status, 401);
  EXPECT_TRUE(is_error(api(reader).post("/api/v1/assets", asset_body("Förbjuden")), 403));
  EXPECT_EQ(b.sign_in(reader.username, kTestPassword), "/todo");

  json items = audit_items(admin, 20);
  std::string all = items.dump();
  EXPECT_EQ(all.find("gissat-lösenord-123"), std::string::npos) << "no password in the log";
  EXPECT_EQ(all.find(kTestPassword), std::string::npos);
  bool failed_logged = false, denied_logged = false, signed_in = false;
  for (const auto& e : items) {
    if (e["action"] == "auth.sign_in_failed" && e["object_id"] == reader.id) failed_logged = e["after"]["reason"] == "password";
    if (e["action"] == "access.denied" && e["actor_id"] == reader.id)
      denied_logged = e["after"]["path"] == "/api/v1/assets" && e["after"]["method"] == "POST";
    if (e["action"] == "auth.sign_in" && e["actor_id"] == reader.id) signed_in = true;
  }
  EXPECT_TRUE(failed_logged) << all;
  EXPECT_TRUE(denied_logged) << all;
  EXPECT_TRUE(signed_in) << all;
  EXPECT_EQ(verify().exit_code, 0) << "the events are in the chain";
}

TEST(AuditChain, RetentionRemovesTheOldestEntriesBehindACheckpointAndTheChainStillVerifies) {
  Org org("audit-prune");
  Api admin = api(org.user({"admin", "ciso"}));
  for (int i = 0; i < 3; ++i) create_asset(admin, asset_body("Gallras " + std::to_string(i)));
  json organisation = expect_json(admin.get("/api/v1/organisation"), 200, "organisation");
  std::string org_id = organisation["id"];
  std::int64_t last = audit_items(admin, 1)[0]["seq"];

  // Nothing is older than a day ago: nothing goes.
  std::string yesterday = utc_in(-86400).substr(0, 10), tomorrow = utc_in(86400).substr(0, 10);
  auto none = run_kravkedja({"audit", "prune", "--org", org.name(), "--before", yesterday, "--db", config().db_url});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_NE(none.out.find("Gallrade poster: 0."), std::string::npos) << none.out;
  EXPECT_EQ(run_kravkedja({"audit", "prune", "--org", org.name(), "--before", "igår", "--db", config().db_url}).exit_code, 2);

  auto pruned = run_kravkedja({"audit", "prune", "--org", org.name(), "--before", tomorrow, "--db", config().db_url});
  ASSERT_EQ(pruned.exit_code, 0) << pruned.err;
  EXPECT_NE(pruned.out.find("Gallrade poster: " + std::to_string(last) + ". Kontrollpunkt efter post " + std::to_string(last)),
            std::string::npos)
      << pruned.out;
  json items = audit_items(admin);
  ASSERT_EQ(items.size(), 1u) << items.dump();
  EXPECT_EQ(items[0]["action"], "audit.checkpoint");
  EXPECT_EQ(items[0]["seq"], last + 1);
  EXPECT_EQ(items[0]["after"]["through_seq"], last);
  EXPECT_EQ(str(items[0]["after"]["last_hash"]).size(), 64u);
  auto ok = verify();
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  // The log goes on from the checkpoint.
  create_asset(admin, asset_body("Efter gallringen"));
  EXPECT_EQ(verify().exit_code, 0);

  // Removing the checkpoint itself, or changing what it says, shows.
  std::string where = " WHERE org_id = '" + org_id + "' AND seq = " + std::to_string(last + 1);
  run_sql("UPDATE audit_log SET after_json = REPLACE(after_json, '\"through_seq\":" + std::to_string(last) +
          "', '\"through_seq\":" + std::to_string(last - 1) + "')" + where);
  EXPECT_EQ(verify().exit_code, 1);
  run_sql("DELETE FROM audit_log" + where);
  auto gone = verify();
  EXPECT_EQ(gone.exit_code, 1);
  EXPECT_NE(gone.out.find("post 1 saknas"), std::string::npos) << gone.out;
  // Leave the shared log verifiable for the tests after this one: the organisation's entries go.
  run_sql("DELETE FROM audit_log WHERE org_id = '" + org_id + "'");
  run_sql("UPDATE organisations SET audit_seq = 0 WHERE org_id = '" + org_id + "'");
}

}  // namespace
}  // namespace kkt
