#pragma once
// The HTTP server: Boost.Beast in async mode, one io_context per thread, connections
// handed out round-robin; handlers run on the connection's thread.
#include <functional>
#include <string>

#include "web/http.hpp"

namespace kk::web {

using Handler = std::function<Response(Request&)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  unsigned threads = 0;  // 0: one per core
  std::size_t body_limit = 16 * 1024 * 1024;  // evidence files (10 MB) and answer matrices
};

// Blocks until SIGINT or SIGTERM. `on_ready` runs once the port is bound.
void run_server(const ServerOptions& options, Handler handler, const std::function<void(unsigned short)>& on_ready);

}  // namespace kk::web
