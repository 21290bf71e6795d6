#include "io/office_convert.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kk::io {
namespace fs = std::filesystem;

namespace {
std::string soffice_path() {
  for (const char* candidate : {"/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/usr/local/bin/soffice"})
    if (access(candidate, X_OK) == 0) return candidate;
  return {};
}

// Runs soffice with HOME and the profile inside `dir`, waiting at most about two minutes.
bool run_soffice(const std::string& soffice, const fs::path& dir, const std::string& to, const fs::path& input) {
  pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    std::string profile = "-env:UserInstallation=file://" + (dir / "profile").string();
    std::string outdir = (dir / "out").string();
    setenv("HOME", dir.c_str(), 1);
    // LibreOffice needs none of the service's secrets.
    for (const char* secret : {"KK_FILE_KEY", "KK_SMTP_PASSWORD", "KK_SMTP_USER", "KK_METRICS_TOKEN"}) unsetenv(secret);
    if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)) _exit(127);
    execl(soffice.c_str(), soffice.c_str(), "--headless", "--norestore", profile.c_str(), "--convert-to", to.c_str(),
          "--outdir", outdir.c_str(), input.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  for (int waited = 0; waited < 1200; ++waited) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    usleep(100 * 1000);
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return false;
}
}  // namespace

domain::Result<std::string> convert_with_libreoffice(const std::string& bytes, const std::string& from_ext,
                                                     const std::string& to) {
  std::string soffice = soffice_path();
  if (soffice.empty()) return domain::Error{domain::ErrorKind::unavailable, "error.libreoffice_missing", {}, {}};
  static std::atomic<int> counter{0};
  fs::path dir = fs::temp_directory_path() /
                 ("kk-convert-" + std::to_string(getpid()) + "-" + std::to_string(counter.fetch_add(1)));
  fs::create_directories(dir / "out");
  fs::path input = dir / ("document." + from_ext);
  {
    std::ofstream out(input, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  std::string result;
  bool ok = run_soffice(soffice, dir, to, input);
  std::string ext = to.substr(0, to.find(':'));
  fs::path output = dir / "out" / ("document." + ext);
  if (ok && fs::exists(output)) {
    std::ifstream in(output, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    result = s.str();
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (result.empty()) return domain::Error{domain::ErrorKind::unavailable, "error.conversion_failed", {}, {}};
  return result;
}

}  // namespace kk::io
