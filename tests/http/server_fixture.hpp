#pragma once
// The shared test server: one `kravkedja serve` per test run, against a fresh SQLite
// file or the PostgreSQL database in KK_TEST_PG_URL. Every test makes its own
// organisation(s), so tests never see each other's rows.
#include <sys/types.h>

#include <optional>
#include <utility>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "http_client.hpp"

namespace kkt {

struct Config {
  std::string binary;   // KK_BINARY
  std::string db_kind;  // "sqlite" or "postgresql" (KK_TEST_DB)
  std::string db_url;   // sqlite:DIR/kk.db or KK_TEST_PG_URL
  std::string temp_dir;
};

// Reads the environment and makes the temp dir. Returns an explanation when the
// suite cannot run (it must then fail, never skip).
std::optional<std::string> load_config();
const Config& config();
int server_port();

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
// Runs KK_BINARY with the arguments (and --db URL appended by the caller where needed).
CommandResult run_kravkedja(const std::vector<std::string>& args, const std::string& stdin_text = {});

// A file's bytes ("" when it cannot be read).
std::string read_file(const std::string& path);

// A loopback port nothing listens on now.
int free_port();

// A name nobody else uses, in this run or an earlier one against the same database.
std::string unique_name(const std::string& prefix);

struct User {
  std::string id;
  std::string username;
  std::string display_name;
  std::string token;
  std::vector<std::string> roles;
};

// Talks to the test server as one user (or anonymously when the token is empty).
class Api {
 public:
  Api() = default;
  explicit Api(std::string token, std::string language = {}, int port = 0)
      : token_(std::move(token)), language_(std::move(language)), port_(port) {}

  // The same user, asking for messages in another language via Accept-Language.
  Api in(const std::string& language) const { return Api(token_, language, port_); }
  // The same user, talking to another server on the same database (0: the test server).
  Api on(int port) const { return Api(token_, language_, port); }

  Response get(const std::string& path) const { return send("GET", path); }
  Response post(const std::string& path, const json& body) const { return send("POST", path, body.dump()); }
  Response patch(const std::string& path, const json& body) const { return send("PATCH", path, body.dump()); }
  Response put(const std::string& path, const json& body) const { return send("PUT", path, body.dump()); }
  Response del(const std::string& path) const { return send("DELETE", path); }
  Response del(const std::string& path, const json& body) const { return send("DELETE", path, body.dump()); }
  Response send(const std::string& method, const std::string& path, const std::string& body = {},
                const Headers& extra = {}) const;

 private:
  std::string token_;
  std::string language_;
  int port_ = 0;
};

inline Api api(const User& u) { return Api(u.token); }
inline Api anonymous() { return Api(); }

// An organisation of its own for one test. Users are made with the command line
// (`user add` + `token create`), so the org exists once its first user does.
class Org {
 public:
  explicit Org(const std::string& label);
  const std::string& name() const { return name_; }
  // A user with these roles in this organisation, with a bearer token.
  User user(const std::vector<std::string>& roles);

 private:
  std::string name_;
};

// The password every test user gets.
extern const char* const kTestPassword;

// Makes a user with roles in the organisation `org_name` and returns it with its token.
User make_user(const std::string& org_name, const std::vector<std::string>& roles);
// The same in another database, checked against the server on `port` that serves it.
User make_user_in(const std::string& db_url, int port, const std::string& org_name,
                  const std::vector<std::string>& roles);

class ServerEnvironment : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;
};

// A second `serve` on the test database (another binary, or other options), for a test that
// needs one; stopped when it goes out of scope. Its output goes to the test server's log.
class ExtraServer {
 public:
  // `db_url` empty: the test database; `log_path` empty: the test server's log.
  ExtraServer(const std::string& binary, const std::vector<std::string>& extra_args = {},
              const std::vector<std::pair<std::string, std::string>>& environment = {}, std::string db_url = {},
              std::string log_path = {});
  ~ExtraServer();
  ExtraServer(const ExtraServer&) = delete;
  ExtraServer& operator=(const ExtraServer&) = delete;
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // SIGKILL, as a power cut or the kernel's OOM killer would: no shutdown of any kind.
  void kill_hard();
  // Starts it again on the same port, with the same arguments; waits until it answers.
  void restart();

 private:
  void start();
  std::string binary_;
  std::vector<std::string> extra_args_;
  std::vector<std::pair<std::string, std::string>> environment_;
  std::string db_url_;
  std::string log_path_;
  int port_;
  pid_t pid_ = -1;
};

// True once the server answered /healthz.
bool server_ready();

}  // namespace kkt
