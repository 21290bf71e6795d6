// Entry point of the HTTP tests: check the environment (KK_BINARY, KK_TEST_DB and,
// for PostgreSQL, KK_TEST_PG_URL), then run every test against one started server.
#include <csignal>
#include <cstdio>

#include <gtest/gtest.h>

#include "server_fixture.hpp"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  std::signal(SIGPIPE, SIG_IGN);  // a command that stops reading stdin must not kill the suite
  if (GTEST_FLAG_GET(list_tests)) return RUN_ALL_TESTS();
  if (auto problem = kkt::load_config()) {
    std::fprintf(stderr, "\nFATAL: the HTTP tests cannot run: %s\n\n", problem->c_str());
    return 1;
  }
  ::testing::AddGlobalTestEnvironment(new kkt::ServerEnvironment);  // gtest takes ownership
  int rc = RUN_ALL_TESTS();
  if (rc == 0 && ::testing::UnitTest::GetInstance()->test_to_run_count() > 0 && !kkt::server_ready()) {
    std::fprintf(stderr, "\nFATAL: the server never became ready.\n");
    return 1;
  }
  return rc;
}
