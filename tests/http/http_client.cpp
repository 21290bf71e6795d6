#include "http_client.hpp"

#include "io/http_fetch.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ostream>
#include <stdexcept>

namespace kkt {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

void send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      // The server may answer (e.g. 413) and close before reading everything; stop
      // sending and read what it said.
      if (errno == EPIPE || errno == ECONNRESET) return;
      throw std::runtime_error(std::string("send failed: ") + std::strerror(errno));
    }
    sent += static_cast<std::size_t>(n);
  }
}

std::string decode_chunked(const std::string& raw) {
  std::string out;
  std::size_t pos = 0;
  while (pos < raw.size()) {
    auto eol = raw.find("\r\n", pos);
    if (eol == std::string::npos) break;
    std::string size_line = raw.substr(pos, eol - pos);
    auto semi = size_line.find(';');
    if (semi != std::string::npos) size_line.resize(semi);
    std::size_t size = std::stoul(trim(size_line), nullptr, 16);
    pos = eol + 2;
    if (size == 0) break;
    out.append(raw, pos, size);
    pos += size + 2;  // data and its CRLF
  }
  return out;
}

// True when `raw` holds a whole response whose length is given by Content-Length.
bool complete(const std::string& raw) {
  auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) return false;
  std::string head = lower(raw.substr(0, head_end));
  if (head.find("\r\ntransfer-encoding:") != std::string::npos) return false;
  auto at = head.find("\r\ncontent-length:");
  if (at == std::string::npos) return false;
  auto value_start = at + std::string("\r\ncontent-length:").size();
  auto value_end = head.find("\r\n", value_start);
  std::string value = trim(head.substr(value_start, value_end == std::string::npos ? std::string::npos : value_end - value_start));
  if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) return false;
  return raw.size() - (head_end + 4) >= std::stoul(value);
}

}  // namespace

json Response::json_body() const { return json::parse(body, nullptr, false); }

std::string Response::header(const std::string& name) const {
  auto it = headers.find(lower(name));
  return it == headers.end() ? std::string() : it->second;
}

namespace {
std::string error_part(const Response& r, const char* key) {
  json j = r.json_body();
  if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) return {};
  const json& e = j["error"];
  if (!e.contains(key) || !e[key].is_string()) return {};
  return e[key].get<std::string>();
}
}  // namespace

std::string Response::error_code() const { return error_part(*this, "code"); }
std::string Response::error_field() const { return error_part(*this, "field"); }
std::string Response::error_message() const { return error_part(*this, "message"); }

Response HttpClient::request(const std::string& method, const std::string& path, const std::string& body,
                             const Headers& headers) const {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port_));
  if (::inet_pton(AF_INET, host_.c_str(), &addr.sin_addr) != 1)
    throw std::runtime_error("not an IPv4 address: " + host_);

  Socket sock(::socket(AF_INET, SOCK_STREAM, 0));
  if (sock.fd() < 0) throw std::runtime_error(std::string("socket failed: ") + std::strerror(errno));
  timeval timeout{30, 0};
  ::setsockopt(sock.fd(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(sock.fd(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  if (::connect(sock.fd(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    throw std::runtime_error("connect to " + host_ + ":" + std::to_string(port_) + " failed: " + std::strerror(errno));

  bool has_content_type = false;
  for (const auto& [name, value] : headers) has_content_type = has_content_type || lower(name) == "content-type";

  std::string req = method + " " + path + " HTTP/1.1\r\n";
  req += "Host: " + host_ + ":" + std::to_string(port_) + "\r\n";
  req += "Connection: close\r\n";
  req += "Accept: application/json\r\n";
  if (!body.empty() && !has_content_type) req += "Content-Type: application/json\r\n";
  if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT")
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  for (const auto& [name, value] : headers) req += name + ": " + value + "\r\n";
  req += "\r\n";
  req += body;
  send_all(sock.fd(), req);

  std::string raw;
  char buf[16384];
  for (;;) {
    ssize_t n = ::recv(sock.fd(), buf, sizeof buf, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == ECONNRESET && !raw.empty()) break;
      throw std::runtime_error(method + " " + path + ": receive failed: " + std::strerror(errno));
    }
    if (n == 0) break;
    raw.append(buf, static_cast<std::size_t>(n));
    if (complete(raw)) break;  // do not depend on the server closing first
  }

  auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos)
    throw std::runtime_error(method + " " + path + ": no HTTP response header in: " + raw.substr(0, 200));
  std::string head = raw.substr(0, head_end);
  Response r;
  r.body = raw.substr(head_end + 4);

  std::size_t line_end = head.find("\r\n");
  std::string status_line = head.substr(0, line_end);
  // "HTTP/1.1 200 OK"
  auto sp = status_line.find(' ');
  if (status_line.rfind("HTTP/", 0) != 0 || sp == std::string::npos)
    throw std::runtime_error(method + " " + path + ": bad status line: " + status_line);
  r.status = std::atoi(status_line.c_str() + sp + 1);

  std::size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    auto eol = head.find("\r\n", pos);
    if (eol == std::string::npos) eol = head.size();
    std::string line = head.substr(pos, eol - pos);
    pos = eol + 2;
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    r.headers.emplace(lower(trim(line.substr(0, colon))), trim(line.substr(colon + 1)));
  }

  if (lower(r.header("transfer-encoding")).find("chunked") != std::string::npos) {
    r.body = decode_chunked(r.body);
  } else if (auto cl = r.header("content-length"); !cl.empty()) {
    std::size_t length = std::stoul(cl);
    if (r.body.size() > length) r.body.resize(length);
  }
  return r;
}

std::string url_encode(const std::string& s) { return kk::io::form_encode(s); }

}  // namespace kkt

namespace nlohmann {
void PrintTo(const json& j, std::ostream* os) { *os << j.dump(); }
}  // namespace nlohmann
