#pragma once
// Routes: method + path pattern with {name} segments. The route table also feeds the
// OpenAPI document, so every API route is documented by construction.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "web/request_context.hpp"

namespace kk::web {

using RouteHandler = std::function<Response(RequestContext&)>;

enum class Access { public_route, signed_in };

// The query parameters of a list read a page at a time.
inline std::vector<std::pair<std::string, std::string>> paging_query() {
  return {{"limit", "how many, 1–1000 (100 by default)"}, {"offset", "how many to skip"}};
}

struct Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> segments;
  RouteHandler handler;
  Access access = Access::signed_in;
  std::string summary;       // OpenAPI summary (API routes)
  std::string request_schema;  // OpenAPI schema name of the body, if any
  // A raw body (a file upload): the media types it may have. Documented as binary content.
  std::vector<std::string> upload_types;
  // Query parameters the route reads: name and what it is, for the OpenAPI document.
  std::vector<std::pair<std::string, std::string>> query;
  Route& with_query(std::vector<std::pair<std::string, std::string>> params) {
    query.insert(query.end(), params.begin(), params.end());
    return *this;
  }
  int success_status = 200;
  // Never asks who is calling (health, readiness, metrics): answers even while the database,
  // where sessions and tokens live, is away.
  bool ignores_identity = false;
};

struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_known = false;  // some route has this path, with another method
};

class Router {
 public:
  Route& add(std::string method, std::string pattern, RouteHandler handler, Access access = Access::signed_in);
  RouteMatch match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace kk::web
