// Readiness for a load balancer: a node answers /readyz with 200 only while its database answers
// and has every migration the binary knows; otherwise 503 with the reason.
#include "api_helpers.hpp"

using namespace kkt;

TEST(Readiness, ReadyWhileTheDatabaseIsCurrentAndNotWhenAMigrationIsMissing) {
  Response ready = anonymous().get("/readyz");
  ASSERT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(ready.json_body()["status"], "ready");
  EXPECT_EQ(ready.json_body()["database"], config().db_kind);

  // As if this node's binary were newer than the database: the newest migration is not there.
  std::string newest = sql_output("SELECT max(version) FROM schema_migrations");
  std::string name = sql_output("SELECT name FROM schema_migrations WHERE version = " + newest);
  std::string at = sql_output("SELECT applied_at FROM schema_migrations WHERE version = " + newest);
  run_sql("DELETE FROM schema_migrations WHERE version = " + newest);
  Response behind = anonymous().get("/readyz");
  run_sql("INSERT INTO schema_migrations (version, name, applied_at) VALUES (" + newest + ", '" + name + "', '" + at + "')");
  EXPECT_EQ(behind.status, 503);
  EXPECT_EQ(behind.json_body()["reason"], "migrations_pending");
  EXPECT_EQ(behind.json_body()["pending"], 1);
  EXPECT_EQ(anonymous().get("/readyz").status, 200) << "ready again once it is there";
  EXPECT_EQ(anonymous().get("/healthz").status, 200) << "alive all along";
}
