#pragma once
// The service's log on standard error: text for a person at a terminal, or one JSON object per
// line for a log collector (journald, Loki, Elasticsearch). With the access log on, each answered
// request is a line of its own (route pattern, never the path: paths can carry secrets, such as
// a personal calendar feed's).
#include <string>

#include "web/web_app.hpp"

namespace kk::cli {

enum class LogFormat { text, json };

// Installs the default logger; spdlog::info and friends then write in that format.
void configure_logging(LogFormat format);
// A line per answered request, in the configured format.
void log_request(const web::WebApp::Answered& answered);

}  // namespace kk::cli
