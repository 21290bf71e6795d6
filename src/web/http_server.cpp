// The one translation unit with Boost.Beast/Asio (heavy headers: keep them here).
#include <utility>  // Boost 1.74's Asio needs it before its headers in C++20
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <memory>
#include <thread>
#include <vector>

#include "web/http_server.hpp"

namespace kk::web {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, const Handler& handler, std::size_t body_limit)
      : stream_(std::move(socket)), handler_(handler), body_limit_(body_limit) {}

  void start() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(body_limit_);
    parser_->header_limit(16 * 1024);  // request line and headers together
    stream_.expires_after(std::chrono::seconds(60));
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::connection_reset) {
      close();
      return;
    }
    if (ec == http::error::header_limit) {
      respond_plain(http::status::request_header_fields_too_large, "Request header fields too large", false);
      return;
    }
    if (ec == http::error::body_limit) {
      respond_plain(http::status::payload_too_large, "Payload too large", false);
      return;
    }
    if (ec) {
      respond_plain(http::status::bad_request, "Bad request", false);
      return;
    }
    auto msg = parser_->release();
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto [it, inserted] = req.headers.emplace(name, std::string(field.value()));
      if (!inserted) it->second += (name == "cookie" ? "; " : ", ") + std::string(field.value());
    }
    req.body = std::move(msg.body());
    beast::error_code peer_error;
    auto peer = stream_.socket().remote_endpoint(peer_error);
    if (!peer_error) req.remote_address = peer.address().to_string();
    split_target(req);
    Response res;
    try {
      res = handler_(req);
    } catch (const std::exception& e) {
      spdlog::error("unhandled error for {} {}: {}", req.method, req.path, e.what());
      res = Response::text(500, "Internal error");
    }
    auto out = std::make_shared<http::response<http::string_body>>();
    out->version(msg.version());
    out->result(static_cast<unsigned>(res.status));
    out->set(http::field::server, "kravkedja");
    for (auto& [name, value] : res.headers) out->insert(name, value);
    out->body() = std::move(res.body);
    out->keep_alive(msg.keep_alive());
    out->prepare_payload();
    write(out);
  }

  void write(std::shared_ptr<http::response<http::string_body>> out) {
    stream_.expires_after(std::chrono::seconds(60));
    http::async_write(stream_, *out, [self = shared_from_this(), out](beast::error_code ec, std::size_t) {
      if (ec || !out->keep_alive()) {
        self->close();
        return;
      }
      self->read();
    });
  }

  void respond_plain(http::status status, const char* text, bool keep_alive) {
    auto out = std::make_shared<http::response<http::string_body>>(status, 11);
    out->set(http::field::content_type, "text/plain; charset=utf-8");
    out->body() = text;
    out->keep_alive(keep_alive);
    out->prepare_payload();
    write(out);
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  const Handler& handler_;
  std::size_t body_limit_;
};

class Listener {
 public:
  Listener(std::vector<std::unique_ptr<asio::io_context>>& contexts, tcp::endpoint endpoint, const Handler& handler,
           std::size_t body_limit)
      : contexts_(contexts), acceptor_(*contexts[0]), handler_(handler), body_limit_(body_limit) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
  }

  unsigned short port() const { return acceptor_.local_endpoint().port(); }

  void accept() {
    auto& ctx = *contexts_[next_++ % contexts_.size()];
    acceptor_.async_accept(ctx, [this](beast::error_code ec, tcp::socket socket) {
      if (!ec) {
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<Connection>(std::move(socket), handler_, body_limit_)->start();
      }
      if (acceptor_.is_open()) accept();
    });
  }

  void stop() {
    beast::error_code ec;
    acceptor_.close(ec);
  }

 private:
  std::vector<std::unique_ptr<asio::io_context>>& contexts_;
  tcp::acceptor acceptor_;
  const Handler& handler_;
  std::size_t body_limit_;
  std::size_t next_ = 0;
};

}  // namespace

void run_server(const ServerOptions& options, Handler handler, const std::function<void(unsigned short)>& on_ready) {
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (unsigned i = 0; i < threads; ++i) {
    contexts.push_back(std::make_unique<asio::io_context>(1));
    guards.push_back(asio::make_work_guard(*contexts.back()));
  }
  auto address = asio::ip::make_address(options.host);
  Listener listener(contexts, tcp::endpoint(address, options.port), handler, options.body_limit);
  listener.accept();

  asio::signal_set signals(*contexts[0], SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) {
    listener.stop();
    for (auto& g : guards) g.reset();
    for (auto& c : contexts) c->stop();
  });

  on_ready(listener.port());
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&contexts, i] { contexts[i]->run(); });
  contexts[0]->run();
  for (auto& c : contexts) c->stop();
  for (auto& t : pool) t.join();
}

}  // namespace kk::web
