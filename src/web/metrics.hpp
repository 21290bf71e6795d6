#pragma once
// What a node has served, for Prometheus (GET /metrics, text format 0.0.4): requests by method,
// route pattern and status, their latencies as a histogram, the database pool and the process.
// Route patterns, never raw paths, so the number of series stays bounded.
#include <array>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace kk::web {

// The database pool as the store sees it at the moment of the scrape.
struct PoolFigures {
  std::size_t size = 0;         // most connections the pool opens
  std::size_t open = 0;         // opened now
  std::size_t idle = 0;         // opened and waiting for work
  std::uint64_t waits = 0;      // leases that had to wait for a connection
  std::uint64_t unavailable = 0;  // times the database could not be reached
};

class Metrics {
 public:
  Metrics();
  // One answered request. `route` is the matched pattern ("" when no route matched).
  void record(const std::string& method, const std::string& route, int status, double seconds);
  std::string prometheus(const PoolFigures& pool) const;

  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 12> bucket_bounds{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1,    2.5,   10};

 private:
  struct Latency {
    std::array<std::uint64_t, bucket_bounds.size()> buckets{};  // not cumulative; summed on output
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;  // method, route, status
  std::map<std::pair<std::string, std::string>, Latency> latency_;              // method, route
  std::chrono::system_clock::time_point started_;
};

}  // namespace kk::web
