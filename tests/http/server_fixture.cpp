#include "server_fixture.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <variant>

#include <fmt/format.h>

namespace kkt {

const char* const kTestPassword = "korrekt-hast-batteri-1";

namespace {

Config g_config;
int g_port = 0;
pid_t g_server_pid = -1;
bool g_ready = false;
std::string g_log_path;


std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}


std::string log_tail(std::size_t max_lines) {
  std::string log = read_file(g_log_path);
  std::size_t pos = log.size();
  std::size_t lines = 0;
  while (pos > 0 && lines <= max_lines) {
    pos = log.rfind('\n', pos - 1);
    if (pos == std::string::npos) {
      pos = 0;
      break;
    }
    ++lines;
  }
  return log.substr(pos);
}

void print_server_log(const char* why, std::size_t max_lines) {
  std::cerr << "\n===== kravkedja server log (" << why << "; last " << max_lines << " lines of " << g_log_path
            << ") =====\n"
            << log_tail(max_lines) << "\n===== end of server log =====\n";
}

std::vector<char*> argv_of(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return argv;
}

bool wait_exit(pid_t pid, int& status, std::chrono::milliseconds limit) {
  auto until = std::chrono::steady_clock::now() + limit;
  for (;;) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return true;
    if (r < 0 && errno != EINTR) return true;
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string describe_exit(int status) {
  if (WIFEXITED(status)) return fmt::format("exit code {}", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return fmt::format("killed by signal {}", WTERMSIG(status));
  return "unknown status";
}

}  // namespace

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}


std::optional<std::string> load_config() {
  g_config.binary = env("KK_BINARY");
  if (g_config.binary.empty())
    return "KK_BINARY is not set; it must be the path of the kravkedja binary (ctest sets it).";
  if (::access(g_config.binary.c_str(), X_OK) != 0)
    return "KK_BINARY=" + g_config.binary + " is not an executable file (is the server built?).";

  g_config.db_kind = env("KK_TEST_DB");
  if (g_config.db_kind.empty()) g_config.db_kind = "sqlite";
  if (g_config.db_kind != "sqlite" && g_config.db_kind != "postgresql")
    return "KK_TEST_DB must be 'sqlite' or 'postgresql', not '" + g_config.db_kind + "'.";

  if (g_config.db_kind == "postgresql") {
    g_config.db_url = env("KK_TEST_PG_URL");
    if (g_config.db_url.empty())
      return "KK_TEST_DB=postgresql but KK_TEST_PG_URL is not set. The PostgreSQL run needs the libpq URL of an "
             "empty database (e.g. postgresql://postgres@127.0.0.1:54329/kk_http); scripts/run-tests.sh sets it "
             "when it has started PostgreSQL. Refusing to skip.";
  }

  std::string base = env("TMPDIR");
  if (base.empty()) base = "/tmp";
  std::string tmpl = base + "/kk-http-" + g_config.db_kind + "-XXXXXX";
  if (!::mkdtemp(tmpl.data())) return "cannot make a temp dir under " + base + ": " + std::strerror(errno);
  g_config.temp_dir = tmpl;
  if (g_config.db_kind == "sqlite") g_config.db_url = "sqlite:" + g_config.temp_dir + "/kk.db";
  g_log_path = g_config.temp_dir + "/server.log";
  return std::nullopt;
}

const Config& config() { return g_config; }
int server_port() { return g_port; }
bool server_ready() { return g_ready; }

std::string unique_name(const std::string& prefix) {
  static std::atomic<int> counter{0};
  static const long stamp = static_cast<long>(std::time(nullptr)) % 100000000;
  return fmt::format("{}-{}-{}-{}", prefix, stamp, static_cast<long>(::getpid()), ++counter);
}

CommandResult run_kravkedja(const std::vector<std::string>& args, const std::string& stdin_text) {
  std::vector<std::string> full{g_config.binary};
  full.insert(full.end(), args.begin(), args.end());
  std::string command_line;
  for (const auto& a : full) command_line += a + " ";

  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (::pipe(in_pipe) || ::pipe(out_pipe) || ::pipe(err_pipe)) throw std::runtime_error("pipe() failed");
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork() failed");
  if (pid == 0) {
    ::signal(SIGPIPE, SIG_DFL);
    ::dup2(in_pipe[0], 0);
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) ::close(fd);
    auto argv = argv_of(full);
    ::execv(argv[0], argv.data());
    std::fprintf(stderr, "execv %s failed: %s\n", argv[0], std::strerror(errno));
    ::_exit(127);
  }
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (!stdin_text.empty()) {
    std::size_t sent = 0;
    while (sent < stdin_text.size()) {
      ssize_t n = ::write(in_pipe[1], stdin_text.data() + sent, stdin_text.size() - sent);
      if (n <= 0) break;  // the command stopped reading; its output tells why
      sent += static_cast<std::size_t>(n);
    }
  }
  ::close(in_pipe[1]);

  CommandResult result;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  char buf[4096];
  while (open_fds > 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      break;
    }
    int r = ::poll(fds, 2, 1000);
    if (r < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        (i == 0 ? result.out : result.err).append(buf, static_cast<std::size_t>(n));
      } else {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) ::close(f.fd);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  if (result.exit_code != 0) {
    std::cerr << "command failed (" << describe_exit(status) << "): " << command_line << "\nstdout: " << result.out
              << "\nstderr: " << result.err << "\n";
  }
  return result;
}

Response Api::send(const std::string& method, const std::string& path, const std::string& body,
                   const Headers& extra) const {
  Headers headers;
  if (!token_.empty()) headers.emplace_back("Authorization", "Bearer " + token_);
  if (!language_.empty()) headers.emplace_back("Accept-Language", language_);
  headers.insert(headers.end(), extra.begin(), extra.end());
  return HttpClient("127.0.0.1", port_ ? port_ : g_port).request(method, path, body, headers);
}

User make_user(const std::string& org_name, const std::vector<std::string>& roles) {
  return make_user_in(g_config.db_url, 0, org_name, roles);
}

User make_user_in(const std::string& db_url, int port, const std::string& org_name,
                  const std::vector<std::string>& roles) {
  std::string role_tag;
  for (const auto& r : roles) role_tag += r.substr(0, 3);
  User u;
  u.username = unique_name("u" + role_tag);
  u.roles = roles;
  std::vector<std::string> args{"user", "add", u.username};
  for (const auto& r : roles) {
    args.push_back("--role");
    args.push_back(r);
  }
  args.insert(args.end(), {"--org", org_name, "--password-stdin", "--db", db_url});
  auto added = run_kravkedja(args, std::string(kTestPassword) + "\n");
  if (added.exit_code != 0)
    throw std::runtime_error("`kravkedja user add " + u.username + "` failed: " + added.err + added.out);

  auto token = run_kravkedja({"token", "create", u.username, "--db", db_url});
  if (token.exit_code != 0)
    throw std::runtime_error("`kravkedja token create " + u.username + "` failed: " + token.err + token.out);
  u.token = trim(token.out);
  if (u.token.empty() || u.token.find('\n') != std::string::npos)
    throw std::runtime_error("`kravkedja token create` should print the token alone on one line, printed: " +
                             token.out);

  auto me = api(u).on(port).get("/api/v1/me");
  if (me.status != 200)
    throw std::runtime_error(fmt::format("GET /api/v1/me with a fresh token answered {}: {}", me.status, me.body));
  json j = me.json_body();
  u.id = j.at("user").at("id").get<std::string>();
  u.display_name = j.at("user").at("display_name").get<std::string>();
  return u;
}

Org::Org(const std::string& label) : name_(unique_name("org-" + label)) {}

User Org::user(const std::vector<std::string>& roles) { return make_user(name_, roles); }

namespace {
// Starts `binary serve` on 127.0.0.1:port against the test database, its output appended to
// `log_path`, and waits until it answers /healthz. Returns the pid, or an explanation.
std::variant<pid_t, std::string> start_serve(const std::string& binary, int port, const std::string& log_path,
                                             const std::vector<std::string>& extra_args,
                                             const std::vector<std::pair<std::string, std::string>>& environment = {},
                                             const std::string& db_url = {}) {
  std::vector<std::string> args{binary, "serve", "--listen", fmt::format("127.0.0.1:{}", port), "--db",
                                db_url.empty() ? g_config.db_url : db_url};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (log_fd < 0) return "cannot open " + log_path;
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) return std::string("fork() failed");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlive a crashed test run
    if (::getppid() != parent) ::_exit(1);
    ::signal(SIGPIPE, SIG_DFL);
    int devnull = ::open("/dev/null", O_RDONLY);
    ::dup2(devnull, 0);
    ::dup2(log_fd, 1);
    ::dup2(log_fd, 2);
    for (const auto& [name, value] : environment) ::setenv(name.c_str(), value.c_str(), 1);
    auto argv = argv_of(args);
    ::execv(argv[0], argv.data());
    std::fprintf(stderr, "execv %s failed: %s\n", argv[0], std::strerror(errno));
    ::_exit(127);
  }
  ::close(log_fd);

  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::string last;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid)
      return "`" + binary + " serve` exited during start-up (" + describe_exit(status) + ")";
    try {
      auto r = HttpClient("127.0.0.1", port).request("GET", "/healthz", "", {});
      if (r.status == 200) return pid;
      last = fmt::format("GET /healthz answered {}: {}", r.status, r.body);
    } catch (const std::exception& e) {
      last = e.what();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  return "`" + binary + " serve` did not answer GET /healthz with 200 within 30 s; last: " + last;
}

// SIGTERM, then SIGKILL after 10 s. False when it had to be killed.
bool stop_serve(pid_t pid) {
  ::kill(pid, SIGTERM);
  int status = 0;
  if (wait_exit(pid, status, std::chrono::seconds(10))) return true;
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return false;
}
}  // namespace

void ServerEnvironment::SetUp() {
  std::cerr << "[kk] database " << g_config.db_kind << " (" << g_config.db_url << "), temp dir " << g_config.temp_dir
            << "\n";
  auto migrated = run_kravkedja({"migrate", "--db", g_config.db_url});
  if (migrated.exit_code != 0) GTEST_FAIL() << "`kravkedja migrate --db " << g_config.db_url << "` failed";

  g_port = free_port();
  auto started = start_serve(g_config.binary, g_port, g_log_path, {});
  if (auto* problem = std::get_if<std::string>(&started)) {
    print_server_log("server did not start", 200);
    GTEST_FAIL() << *problem;
  }
  g_server_pid = std::get<pid_t>(started);
  g_ready = true;
  std::cerr << "[kk] server pid " << g_server_pid << " ready on 127.0.0.1:" << g_port << "\n";
}

ExtraServer::ExtraServer(const std::string& binary, const std::vector<std::string>& extra_args,
                         const std::vector<std::pair<std::string, std::string>>& environment, std::string db_url,
                         std::string log_path)
    : binary_(binary), extra_args_(extra_args), environment_(environment), db_url_(std::move(db_url)),
      log_path_(std::move(log_path)), port_(free_port()) {
  start();
}

void ExtraServer::start() {
  auto started = start_serve(binary_, port_, log_path_.empty() ? g_log_path : log_path_, extra_args_, environment_, db_url_);
  if (auto* problem = std::get_if<std::string>(&started)) throw std::runtime_error(*problem);
  pid_ = std::get<pid_t>(started);
}

void ExtraServer::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

void ExtraServer::restart() {
  kill_hard();
  start();
}

ExtraServer::~ExtraServer() {
  if (pid_ > 0) stop_serve(pid_);
}

void ServerEnvironment::TearDown() {
  bool passed = ::testing::UnitTest::GetInstance()->Passed();
  if (g_server_pid > 0) {
    if (!stop_serve(g_server_pid)) {
      std::cerr << "[kk] server did not stop within 10 s of SIGTERM; killed it\n";
      passed = false;
    }
    g_server_pid = -1;
  }
  if (!passed) {
    if (g_ready) print_server_log("some tests failed", 150);  // a failed start printed it already
    std::cerr << "[kk] kept " << g_config.temp_dir << " for inspection\n";
  } else if (!env("KK_KEEP").empty()) {
    // A developer who wants to look at what the tests left (KK_KEEP=1) finds it here.
    std::cerr << "[kk] kept " << g_config.temp_dir << " (KK_KEEP)\n";
  } else if (!g_config.temp_dir.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(g_config.temp_dir, ec);
  }
}

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error(std::string("bind 127.0.0.1:0 failed: ") + std::strerror(errno));
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

}  // namespace kkt
