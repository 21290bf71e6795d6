#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "web/http.hpp"

namespace kk::web {

// One request as the handlers see it: who acts, in which language, with which CSRF token.
struct RequestContext {
  Request& req;
  std::map<std::string, std::string> params;
  std::optional<app::Actor> actor;
  domain::Language lang = domain::Language::sv;
  std::string csrf_token;     // of the browser session
  bool via_session = false;   // authenticated by cookie (not bearer token)
  std::vector<std::string> cookies_to_set;

  const std::string& param(const std::string& name) const { return params.at(name); }
  // The parts of a multipart/form-data body, parsed once (the CSRF check reads them first).
  const std::map<std::string, FormPart>& parts() {
    if (!multipart) multipart = parse_multipart(req);
    return *multipart;
  }
  std::optional<std::map<std::string, FormPart>> multipart;
  std::string route;  // the matched route's pattern, for the metrics and the access log
  const app::Actor& who() const { return *actor; }
};

}  // namespace kk::web
