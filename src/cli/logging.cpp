#include "cli/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <ctime>

#include <nlohmann/json.hpp>

namespace kk::cli {
namespace {

LogFormat g_format = LogFormat::text;

std::string utc_time(spdlog::log_clock::time_point t) {
  auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(t);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(t - seconds).count();
  std::time_t tt = spdlog::log_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(millis));
  return buf;
}

// {"time","level","message"}; the access logger's messages are JSON objects of their own,
// whose fields are put beside time and level instead.
class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    std::string payload(msg.payload.data(), msg.payload.size());
    nlohmann::json line = {{"time", utc_time(msg.time)},
                           {"level", std::string(spdlog::level::to_string_view(msg.level).data(),
                                                 spdlog::level::to_string_view(msg.level).size())}};
    auto fields = msg.logger_name == "access" ? nlohmann::json::parse(payload, nullptr, false) : nlohmann::json();
    if (fields.is_object()) line.update(fields);
    else line["message"] = payload;
    std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    dest.append(text.data(), text.data() + text.size());
    dest.push_back('\n');
  }
  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonFormatter>(); }
};

}  // namespace

void configure_logging(LogFormat format) {
  g_format = format;
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto main = std::make_shared<spdlog::logger>("", sink);
  auto access = std::make_shared<spdlog::logger>("access", sink);
  if (format == LogFormat::json) {
    main->set_formatter(std::make_unique<JsonFormatter>());
    access->set_formatter(std::make_unique<JsonFormatter>());
  }
  spdlog::set_default_logger(main);
  spdlog::register_logger(access);
}

void log_request(const web::WebApp::Answered& a) {
  static auto access = spdlog::get("access");
  if (!access) return;
  double ms = a.seconds * 1000;
  const std::string& route = a.route.empty() ? std::string("unmatched") : a.route;
  if (g_format == LogFormat::json) {
    nlohmann::json fields = {{"event", "request"}, {"method", a.req.method}, {"route", route},
                             {"status", a.status},  {"duration_ms", std::round(ms * 100) / 100},
                             {"client", a.client}};
    access->info(fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    access->info("{} {} {} {:.2f} ms {}", a.req.method, route, a.status, ms, a.client);
  }
}

}  // namespace kk::cli
