// What an operator runs the service with (issue 9): Prometheus metrics, JSON logs with an access
// log, and settings from a configuration file under the environment and the command line.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "api_helpers.hpp"

namespace kkt {
namespace {

// The value of one series in a Prometheus text answer, or -1 when it is not there.
double series(const std::string& text, const std::string& name_and_labels) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind(name_and_labels + " ", 0) == 0) return std::stod(line.substr(name_and_labels.size() + 1));
  return -1;
}

}  // namespace

TEST(Operations, MetricsCountRequestsByRoutePatternWithLatenciesAndThePool) {
  Org org("metrics");
  User u = make_user(org.name(), {"procurer"});
  json c = create_case(api(u), "KS 2026/metrics");
  std::string id = c["id"];
  auto before = anonymous().get("/metrics");
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string ok_case = "kravkedja_http_requests_total{method=\"GET\",route=\"/api/v1/cases/{id}\",status=\"200\"}";
  const std::string missing_case =
      "kravkedja_http_requests_total{method=\"GET\",route=\"/api/v1/cases/{id}\",status=\"404\"}";
  double ok_before = std::max(0.0, series(before.body, ok_case));
  double missing_before = std::max(0.0, series(before.body, missing_case));
  for (int i = 0; i < 3; ++i) ASSERT_EQ(api(u).get(case_path(id)).status, 200);
  ASSERT_EQ(api(u).get(case_path("00000000-0000-4000-8000-000000000000")).status, 404);

  std::string text = anonymous().get("/metrics").body;
  EXPECT_EQ(series(text, ok_case), ok_before + 3) << "counted by pattern, not by the case's own path";
  EXPECT_EQ(series(text, missing_case), missing_before + 1);
  EXPECT_EQ(text.find(id), std::string::npos) << "no ids in the series";
  const std::string labels = "{method=\"GET\",route=\"/api/v1/cases/{id}\"";
  double count = series(text, "kravkedja_http_request_duration_seconds_count" + labels + "}");
  EXPECT_GE(count, ok_before + 4);
  EXPECT_EQ(series(text, "kravkedja_http_request_duration_seconds_bucket" + labels + ",le=\"+Inf\"}"), count);
  EXPECT_GE(series(text, "kravkedja_http_request_duration_seconds_bucket" + labels + ",le=\"10\"}"),
            series(text, "kravkedja_http_request_duration_seconds_bucket" + labels + ",le=\"0.001\"}"))
      << "buckets are cumulative";
  EXPECT_GT(series(text, "kravkedja_db_pool_connections_max"), 0);
  EXPECT_GE(series(text, "kravkedja_db_pool_connections_open"), 1);
  EXPECT_GT(series(text, "kravkedja_process_resident_memory_bytes"), 1e6);
  EXPECT_NE(text.find("# TYPE kravkedja_http_request_duration_seconds histogram"), std::string::npos);

  // Through a proxy (which adds one of its headers) the metrics are not for everyone's eyes.
  for (const char* header : {"X-Forwarded-For", "Forwarded", "X-Real-IP", "Via"})
    EXPECT_TRUE(is_error(anonymous().send("GET", "/metrics", "", {{header, "198.51.100.7"}}), 403)) << header;

  // A method nobody knows does not get series of its own (a client could invent endless ones).
  anonymous().send("BREW", "/api/v1/cases");
  std::string after_brew = anonymous().get("/metrics").body;
  EXPECT_EQ(after_brew.find("BREW"), std::string::npos);
  EXPECT_NE(after_brew.find("method=\"OTHER\""), std::string::npos);

  // With a token, a Prometheus server elsewhere sends it; nobody gets in without it.
  ExtraServer guarded(config().binary, {}, {{"KK_METRICS_TOKEN", "skrapnyckel-123"}});
  EXPECT_TRUE(is_error(anonymous().on(guarded.port()).get("/metrics"), 403));
  EXPECT_TRUE(is_error(Api("fel-nyckel").on(guarded.port()).get("/metrics"), 403));
  auto scraped = Api("skrapnyckel-123").on(guarded.port()).get("/metrics");
  EXPECT_EQ(scraped.status, 200);
  EXPECT_NE(scraped.body.find("kravkedja_db_pool_connections_max"), std::string::npos);
}

TEST(Operations, AConfigurationFileGivesJsonLogsWithAnAccessLineForEveryRequest) {
  Org org("json-logs");
  User u = make_user(org.name(), {"procurer"});
  std::string dir = config().temp_dir;
  std::string conf = dir + "/kravkedja.conf";
  std::ofstream(conf) << "# settings of this node\nKK_LOG_FORMAT=json\nKK_ACCESS_LOG=true\n"
                      << "KK_THREADS=2\nKK_LISTEN=127.0.0.1:1\n";
  std::string log = dir + "/json-node.log";
  std::string case_id;
  {
    // The command line's --listen (from the test) goes before the file's KK_LISTEN.
    ExtraServer node(config().binary, {"--config", conf}, {}, {}, log);
    case_id = create_case(api(u).on(node.port()), "KS 2026/json-logs")["id"];
    ASSERT_EQ(api(u).on(node.port()).get(case_path(case_id)).status, 200);
  }
  std::istringstream lines(read_file(log));
  int json_lines = 0, case_reads = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != '{') continue;  // the start-up banner is for a person
    json j = json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "every log line is one JSON object: " << line;
    EXPECT_TRUE(j.contains("time") && j.contains("level")) << line;
    ++json_lines;
    if (j.value("event", "") == "request" && j["route"] == "/api/v1/cases/{id}" && j["method"] == "GET") {
      ++case_reads;
      EXPECT_EQ(j["status"], 200);
      EXPECT_TRUE(j["duration_ms"].is_number());
      EXPECT_EQ(j["client"], "127.0.0.1");
    }
  }
  EXPECT_GT(json_lines, 2);
  EXPECT_EQ(case_reads, 1);
  EXPECT_EQ(read_file(log).find(case_id), std::string::npos) << "paths (and the ids or secrets in them) are not logged";

  // The environment goes before the file: with KK_ACCESS_LOG=false in the environment no
  // request lines are written.
  std::string quiet_log = dir + "/quiet-node.log";
  {
    ExtraServer quiet(config().binary, {"--config", conf}, {{"KK_ACCESS_LOG", "false"}}, {}, quiet_log);
    ASSERT_EQ(api(u).on(quiet.port()).get(case_path(case_id)).status, 200);
  }
  EXPECT_EQ(read_file(quiet_log).find("\"event\":\"request\""), std::string::npos);
  EXPECT_NE(read_file(quiet_log).find("\"level\":\"info\""), std::string::npos) << "still JSON, from the file";
}

TEST(Operations, AConfigurationFileWithABadLineIsRefusedNamingTheLine) {
  std::string conf = config().temp_dir + "/bad.conf";
  std::ofstream(conf) << "KK_LOG_FORMAT=json\n\n# a typo\nKK_DATABASE=sqlite:x.db\n";
  auto r = run_kravkedja({"serve", "--config", conf, "--db", config().db_url});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.conf rad 4: KK_DATABASE är ingen inställning"), std::string::npos) << r.err;
  auto missing = run_kravkedja({"migrate", "--config", config().temp_dir + "/finns-inte.conf", "--db", config().db_url});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("finns-inte.conf kan inte läsas"), std::string::npos) << missing.err;
}

TEST(Operations, AnInstallationsOwnStaticFilesGoBeforeTheBuiltInOnes) {
  User u = make_user(Org("own-static").name(), {"procurer"});
  std::string dir = config().temp_dir + "/own-static";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/logotyp.svg") << "<svg xmlns='http://www.w3.org/2000/svg'/>";
  std::ofstream(dir + "/kravkedja.css") << "body { color: navy; }";
  std::ofstream(dir + "/.dold") << "not served";
  {
    ExtraServer node(config().binary, {"--static-dir", dir});
    auto logo = api(u).on(node.port()).get("/static/logotyp.svg");
    EXPECT_EQ(logo.status, 200);
    EXPECT_EQ(logo.body, "<svg xmlns='http://www.w3.org/2000/svg'/>");
    EXPECT_EQ(logo.header("Content-Type"), "image/svg+xml");
    EXPECT_EQ(api(u).on(node.port()).get("/static/kravkedja.css").body, "body { color: navy; }");
    EXPECT_EQ(api(u).on(node.port()).get("/static/.dold").status, 404);
  }
  // Without the directory the built-in stylesheet is served.
  EXPECT_NE(api(u).get("/static/kravkedja.css").body, "body { color: navy; }");
  auto missing = run_kravkedja({"serve", "--static-dir", dir + "/finns-inte", "--db", config().db_url});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("own-static/finns-inte: katalogen finns inte"), std::string::npos) << missing.err;
}

TEST(Operations, ANodeStartedWithoutRemindersLeavesTheDailyJobToOthers) {
  // Each node on a database of its own, so the test server's claim of the day does not count.
  std::string dir = config().temp_dir;
  std::string usual_log = dir + "/with-reminders.log", quiet_log = dir + "/without-reminders.log";
  {
    ExtraServer usual(config().binary, {}, {}, "sqlite:" + dir + "/with-reminders.db", usual_log);
    bool ran = false;
    for (int i = 0; i < 100 && !ran; ++i) {
      ran = read_file(usual_log).find("reminders: ") != std::string::npos;
      if (!ran) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_TRUE(ran) << "a node runs the day's reminders at start: " << read_file(usual_log);
  }
  {
    ExtraServer quiet(config().binary, {"--without-reminders"}, {}, "sqlite:" + dir + "/without-reminders.db", quiet_log);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  }
  EXPECT_EQ(read_file(quiet_log).find("reminders: "), std::string::npos) << read_file(quiet_log);
}

}  // namespace kkt
