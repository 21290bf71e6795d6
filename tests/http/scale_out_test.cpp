// Several nodes, crashes and database outages (issue 9): what an organisation running Kravkedja
// behind a load balancer relies on. Each node here is a real `kravkedja serve` process on a
// loopback port, on the test database (SQLite in WAL mode or PostgreSQL).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "api_helpers.hpp"
#include "browser.hpp"

namespace kkt {
namespace {

using namespace std::chrono_literals;

bool still_running(pid_t pid) {
  int status = 0;
  return pid > 0 && ::waitpid(pid, &status, WNOHANG) == 0;
}

}  // namespace

TEST(ScaleOut, APersonSignsInOnOneNodeAndCarriesOnOnAnother) {
  Org org("two-nodes");
  User u = make_user(org.name(), {"procurer", "information_owner"});
  ExtraServer node_b(config().binary);

  // Signed in on node A (the test server); the session cookie and the form token work on B.
  Browser browser;
  browser.sign_in(u.username, kTestPassword);
  browser.use_port(node_b.port());
  auto start = browser.get("/cases");
  ASSERT_EQ(start.status, 200) << "node B knows the session made on node A";
  auto saved = browser.post("/assets/new", {{"name", "Bygglovsarkiv"}, {"action", "save"}, {"confidentiality", "2"},
                                            {"integrity", "2"}, {"availability", "1"}, {"stage", "initial"},
                                            {"method", "simple"}, {"owner_user_id", u.id}});
  ASSERT_EQ(saved.status, 303) << "a form from A's page is accepted by B: " << saved.body;
  std::string asset_id = id_from_location(saved);

  // What B wrote, A shows at once; what A changes, B shows at once.
  browser.use_port(0);
  auto on_a = browser.get("/assets/" + asset_id);
  ASSERT_EQ(on_a.status, 200);
  EXPECT_TRUE(has(on_a, "Bygglovsarkiv"));
  json asset = get_asset(api(u), asset_id);
  json change = asset_body("Bygglovsarkiv 1990–", 3, 2, 1);
  change["version"] = asset["version"];
  expect_json(api(u).patch(asset_path(asset_id), change), 200, "rename on A");
  json seen_on_b = expect_json(api(u).on(node_b.port()).get(asset_path(asset_id)), 200, "read on B");
  EXPECT_EQ(seen_on_b["name"], "Bygglovsarkiv 1990–");
  EXPECT_EQ(seen_on_b["classification"]["confidentiality"], 3);

  // The versions are the database's, so B refuses an edit based on what A has replaced.
  json stale = asset_body("Bygglovsarkiv (gammal)", 2, 2, 1);
  stale["version"] = asset["version"];
  EXPECT_TRUE(is_error(api(u).on(node_b.port()).patch(asset_path(asset_id), stale), 409, "error.stale_version"));

  // Signing out on B ends the session on A too: sessions live in the database.
  browser.use_port(node_b.port());
  EXPECT_EQ(browser.post("/logout", {}).status, 303);
  browser.use_port(0);
  auto after = browser.get("/cases");
  EXPECT_EQ(after.status, 303);
  EXPECT_EQ(after.header("location").rfind("/login", 0), 0u);
}

// Writes stream in from three clients while the node is killed with SIGKILL, again and again.
// Every write the node acknowledged (201) must be there after the restart, every case whole
// (with all its activities), and every organisation's audit chain must verify.
TEST(ScaleOut, EveryAcknowledgedWriteSurvivesTheNodeBeingKilled) {
  Org org("crash");
  User u = make_user(org.name(), {"procurer", "information_owner"});
  json reference = create_case(api(u), "KS 2026/crash-ref");
  const std::size_t activities = get_case(api(u), reference["id"].get<std::string>())["activities"].size();
  ASSERT_GT(activities, 10u);

  ExtraServer node(config().binary);
  std::mutex mutex;
  std::vector<std::string> assets, cases;
  int refused = 0;
  const int rounds = 6;
  for (int round = 0; round < rounds; ++round) {
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int w = 0; w < 3; ++w) {
      writers.emplace_back([&, w] {
        Api as = api(u).on(node.port());
        for (int n = 0; !stop; ++n) {
          bool make_case = (n + w) % 3 == 0;
          Response r;
          try {
            r = make_case ? as.post("/api/v1/cases", case_body(fmt::format("KS {}/{}-{}-{}", round, w, n, unique_name("c"))))
                          : as.post("/api/v1/assets", asset_body(fmt::format("Register {}-{}-{}", round, w, n), 2, 2, 2));
          } catch (const std::exception&) {
            continue;  // the node is gone: not acknowledged, so nothing is promised
          }
          std::lock_guard lock(mutex);
          if (r.status == 201) (make_case ? cases : assets).push_back(r.json_body()["id"].get<std::string>());
          else if (r.status != 0) ++refused;
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300 + 150 * round));
    node.kill_hard();
    stop = true;
    for (auto& t : writers) t.join();
    node.restart();
  }
  EXPECT_EQ(refused, 0) << "no write was refused while the node ran";
  ASSERT_GT(assets.size() + cases.size(), 20u) << "writes were made between the kills";
  std::cerr << "[kk] " << rounds << " kills: " << assets.size() << " assets and " << cases.size()
            << " cases acknowledged, all checked after the restarts\n";

  Api as = api(u).on(node.port());
  for (const auto& id : assets) EXPECT_EQ(as.get(asset_path(id)).status, 200) << "acknowledged asset " << id;
  for (const auto& id : cases) {
    auto r = as.get(case_path(id));
    ASSERT_EQ(r.status, 200) << "acknowledged case " << id;
    EXPECT_EQ(r.json_body()["activities"].size(), activities) << "case " << id << " is whole";
  }
  // Nothing half-written either: every case of the organisation has all its activities.
  std::size_t listed = 0;
  for (json offset = 0; !offset.is_null();) {
    json page = expect_json(as.get("/api/v1/cases?limit=500&offset=" + offset.dump()), 200, "cases");
    for (const auto& c : page["items"]) {
      EXPECT_EQ(get_case(as, c["id"].get<std::string>())["activities"].size(), activities) << c.dump();
      ++listed;
    }
    offset = page["page"]["next_offset"];
  }
  EXPECT_GE(listed, cases.size() + 1) << "every acknowledged case, and the reference case";

  auto verified = run_kravkedja({"audit", "verify", "--db", config().db_url});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
}

// A PostgreSQL server of this test's own, stopped while three clients read and write through a
// node: the node answers 503 with the API's error body (never a crash or a hang), stays alive,
// says so on /readyz, and serves again by itself once the database is back.
class OwnPostgres {
 public:
  OwnPostgres() : port_(free_port()) {
    // Not under the test's temp dir: the postgres user must be able to reach it.
    char pattern[] = "/tmp/kk-pg-outage.XXXXXX";
    if (!::mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    if (::getuid() == 0) program_output({"chown", "postgres", dir_});
    as_postgres({bin("initdb"), "-D", dir_ + "/data", "-U", "postgres", "--auth=trust", "-E", "UTF8",
                 "--locale=C.UTF-8"});
    start();
    program_output({bin("createdb"), "-h", "127.0.0.1", "-p", std::to_string(port_), "-U", "postgres", "kk_outage"});
  }
  ~OwnPostgres() {
    try {
      as_postgres({bin("pg_ctl"), "-D", dir_ + "/data", "-m", "immediate", "stop"});
    } catch (...) {
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string url() const { return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/kk_outage"; }
  void start() {
    as_postgres({bin("pg_ctl"), "-D", dir_ + "/data", "-l", dir_ + "/server.log", "-w", "-o",
                 "-p " + std::to_string(port_) + " -k " + dir_ + " -c listen_addresses=127.0.0.1 -c fsync=off",
                 "start"});
  }
  // "fast": the server ends every session at once, as a failover or a crash of the host would.
  void stop() { as_postgres({bin("pg_ctl"), "-D", dir_ + "/data", "-m", "fast", "-w", "stop"}); }

 private:
  static std::string bin(const std::string& name) {
    const char* dir = std::getenv("KK_PG_BIN");
    return std::string(dir ? dir : "/usr/lib/postgresql/15/bin") + "/" + name;
  }
  // initdb and the server refuse to run as root. Output goes to a log of its own: the server
  // pg_ctl leaves running must not hold a pipe of ours open.
  void as_postgres(std::vector<std::string> args) const {
    if (::getuid() == 0) args.insert(args.begin(), {"runuser", "-u", "postgres", "--"});
    std::string command;
    for (const auto& a : args) command += "'" + a + "' ";
    if (std::system((command + ">>" + dir_ + "/ctl.log 2>&1").c_str()) != 0)
      throw std::runtime_error("failed: " + command + "(see " + dir_ + "/ctl.log)");
  }
  std::string dir_;
  int port_;
};

TEST(ScaleOut, APostgreSQLOutageGivesCleanErrorsAndTheNodeRecoversByItself) {
  OwnPostgres pg;
  auto migrated = run_kravkedja({"migrate", "--db", pg.url()});
  ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
  ExtraServer node(config().binary, {}, {}, pg.url());
  User u = make_user_in(pg.url(), node.port(), unique_name("outage"), {"procurer", "information_owner"});
  Api as = api(u).on(node.port());

  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::map<int, int> statuses;  // status → count, 0 = no answer at all
  std::vector<std::string> bad_bodies;
  std::vector<std::thread> clients;
  for (int w = 0; w < 3; ++w) {
    clients.emplace_back([&, w] {
      for (int n = 0; !stop; ++n) {
        Response r;
        try {
          r = (n + w) % 2 ? as.get("/api/v1/assets")
                          : as.post("/api/v1/assets", asset_body(fmt::format("Register {}-{}", w, n), 1, 1, 1));
        } catch (const std::exception&) {
          r.status = 0;
        }
        std::lock_guard lock(mutex);
        ++statuses[r.status];
        if (r.status == 503 && !is_error(r, 503, "error.database_unavailable")) bad_bodies.push_back(r.body);
        if (r.status == 503) std::this_thread::sleep_for(20ms);
      }
    });
  }
  auto count = [&](int status) {
    std::lock_guard lock(mutex);
    return statuses[status];
  };
  std::this_thread::sleep_for(700ms);
  EXPECT_GT(count(200) + count(201), 0) << "served before the outage";

  pg.stop();
  std::this_thread::sleep_for(1500ms);
  int unavailable_during = count(503);
  EXPECT_GT(unavailable_during, 0) << "the outage was answered with 503";
  Response ready = anonymous().on(node.port()).get("/readyz");
  EXPECT_EQ(ready.status, 503) << ready.body;
  EXPECT_EQ(anonymous().on(node.port()).get("/healthz").status, 200) << "the node itself is alive";

  pg.start();
  int served_before = count(200) + count(201);
  bool recovered = false;
  for (int i = 0; i < 100 && !recovered; ++i) {
    std::this_thread::sleep_for(100ms);
    recovered = count(200) + count(201) > served_before + 20;
  }
  stop = true;
  for (auto& t : clients) t.join();
  EXPECT_TRUE(recovered) << "the node serves again without a restart";
  EXPECT_EQ(anonymous().on(node.port()).get("/readyz").status, 200);
  EXPECT_TRUE(still_running(node.pid()));
  std::lock_guard lock(mutex);
  for (const auto& [status, n] : statuses)
    EXPECT_TRUE(status == 200 || status == 201 || status == 503) << n << " answers with status " << status;
  EXPECT_TRUE(bad_bodies.empty()) << bad_bodies.size() << " 503 answers without the error body, e.g. "
                                  << (bad_bodies.empty() ? "" : bad_bodies.front());
}

}  // namespace kkt
