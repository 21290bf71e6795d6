#pragma once
// Outgoing HTTP for talking to an organisation's OpenID provider (libcurl): discovery, keys and
// the token exchange. Bounded: http(s) only, no redirects followed, 10 s, 1 MB.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.hpp"

namespace kk::io {

struct Fetched {
  long status = 0;
  std::string body;
};

// Fails (error.sso_unreachable, with the reason) when the server cannot be reached or answers
// with more than the limit; any HTTP status is returned to the caller.
domain::Result<Fetched> http_get(const std::string& url);
// An application/x-www-form-urlencoded POST with HTTP Basic authentication.
// Percent-encoding for a query or form value: everything but letters, digits and -._~.
std::string form_encode(std::string_view value);

domain::Result<Fetched> http_post_form(const std::string& url, const std::vector<std::pair<std::string, std::string>>& fields,
                                       const std::string& basic_user, const std::string& basic_password);

}  // namespace kk::io
