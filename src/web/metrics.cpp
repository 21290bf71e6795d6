#include "web/metrics.hpp"

#include <unistd.h>

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

namespace kk::web {
namespace {

// Label values are route patterns and methods, but escape as the format asks all the same.
std::string label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// The shortest text that reads back as the same double (a sum of seconds grows large).
std::string number(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : "0";
}

std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

void family(std::ostringstream& out, const char* name, const char* type, const char* help) {
  out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

}  // namespace

Metrics::Metrics() : started_(std::chrono::system_clock::now()) {}

void Metrics::record(const std::string& method, const std::string& route, int status, double seconds) {
  const std::string& key = route.empty() ? std::string("unmatched") : route;
  // Any token is a method to the parser: only the known ones get series of their own.
  static const std::set<std::string> methods{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  const std::string& m = methods.count(method) ? method : std::string("OTHER");
  std::lock_guard lock(mutex_);
  ++requests_[{m, key, status}];
  Latency& l = latency_[{m, key}];
  std::size_t i = 0;
  while (i < bucket_bounds.size() && seconds > bucket_bounds[i]) ++i;
  if (i < bucket_bounds.size()) ++l.buckets[i];
  ++l.count;
  l.sum += seconds;
}

std::string Metrics::prometheus(const PoolFigures& pool) const {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  {
    std::lock_guard lock(mutex_);
    family(out, "kravkedja_http_requests_total", "counter", "Requests answered, by method, route pattern and status.");
    for (const auto& [key, n] : requests_) {
      const auto& [method, route, status] = key;
      out << "kravkedja_http_requests_total{method=\"" << label(method) << "\",route=\"" << label(route)
          << "\",status=\"" << status << "\"} " << n << '\n';
    }
    family(out, "kravkedja_http_server_errors_total", "counter", "Requests answered with a 5xx status, by route pattern.");
    std::map<std::pair<std::string, std::string>, std::uint64_t> errors;
    for (const auto& [key, n] : requests_)
      if (std::get<2>(key) >= 500) errors[{std::get<0>(key), std::get<1>(key)}] += n;
    for (const auto& [key, n] : errors)
      out << "kravkedja_http_server_errors_total{method=\"" << label(key.first) << "\",route=\"" << label(key.second)
          << "\"} " << n << '\n';
    family(out, "kravkedja_http_request_duration_seconds", "histogram",
           "Time from the parsed request to the answer, by method and route pattern.");
    for (const auto& [key, l] : latency_) {
      std::string labels = "method=\"" + label(key.first) + "\",route=\"" + label(key.second) + "\"";
      std::uint64_t cumulative = 0;
      for (std::size_t i = 0; i < bucket_bounds.size(); ++i) {
        cumulative += l.buckets[i];
        out << "kravkedja_http_request_duration_seconds_bucket{" << labels << ",le=\"" << number(bucket_bounds[i])
            << "\"} " << cumulative << '\n';
      }
      out << "kravkedja_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << l.count << '\n';
      out << "kravkedja_http_request_duration_seconds_sum{" << labels << "} " << number(l.sum) << '\n';
      out << "kravkedja_http_request_duration_seconds_count{" << labels << "} " << l.count << '\n';
    }
  }
  family(out, "kravkedja_db_pool_connections_max", "gauge", "Most database connections the pool opens.");
  out << "kravkedja_db_pool_connections_max " << pool.size << '\n';
  family(out, "kravkedja_db_pool_connections_open", "gauge", "Database connections open now.");
  out << "kravkedja_db_pool_connections_open " << pool.open << '\n';
  family(out, "kravkedja_db_pool_connections_idle", "gauge", "Open database connections waiting for work.");
  out << "kravkedja_db_pool_connections_idle " << pool.idle << '\n';
  family(out, "kravkedja_db_pool_waits_total", "counter", "Times a request waited for a free database connection.");
  out << "kravkedja_db_pool_waits_total " << pool.waits << '\n';
  family(out, "kravkedja_db_unavailable_total", "counter", "Times the database could not be reached.");
  out << "kravkedja_db_unavailable_total " << pool.unavailable << '\n';
  family(out, "kravkedja_process_resident_memory_bytes", "gauge", "Resident memory of the process.");
  out << "kravkedja_process_resident_memory_bytes " << resident_bytes() << '\n';
  family(out, "kravkedja_process_start_time_seconds", "gauge", "Start of the process, seconds since the epoch.");
  out << "kravkedja_process_start_time_seconds "
      << std::chrono::duration_cast<std::chrono::seconds>(started_.time_since_epoch()).count() << '\n';
  return out.str();
}

}  // namespace kk::web
