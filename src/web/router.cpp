#include "web/router.hpp"

namespace kk::web {

namespace {
std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  if (!parts.empty() && parts.back().empty() && parts.size() > 1) parts.pop_back();
  return parts;
}
}  // namespace

Route& Router::add(std::string method, std::string pattern, RouteHandler handler, Access access) {
  Route r;
  r.method = std::move(method);
  r.segments = split_path(pattern);
  r.pattern = std::move(pattern);
  r.handler = std::move(handler);
  r.access = access;
  routes_.push_back(std::move(r));
  return routes_.back();
}

RouteMatch Router::match(const std::string& method, const std::string& path) const {
  RouteMatch result;
  auto parts = split_path(path);
  for (const auto& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      const auto& seg = route.segments[i];
      if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
        if (parts[i].empty()) ok = false;
        else params[seg.substr(1, seg.size() - 2)] = parts[i];
      } else if (seg != parts[i]) {
        ok = false;
      }
    }
    if (!ok) continue;
    if (route.method != method && !(method == "HEAD" && route.method == "GET")) {
      result.path_known = true;
      continue;
    }
    result.route = &route;
    result.params = std::move(params);
    return result;
  }
  return result;
}

}  // namespace kk::web
