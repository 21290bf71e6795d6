#pragma once
#include "domain/enums.hpp"
#include "web/http.hpp"

namespace kk::web {

// The request's language: ?lang=, then the kk_lang cookie, then Accept-Language; Swedish
// by default.
domain::Language negotiate_language(const Request& req);

}  // namespace kk::web
