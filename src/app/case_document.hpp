#pragma once
// The title block every document about a case shares (risk report, decision basis): the
// organisation, the case, its registry number, today's date and the labels, in the reader's
// language. The caller adds the content.
#include <string>

#include "app/content.hpp"
#include "app/ports.hpp"
#include "io/spec_document.hpp"

namespace kk::app {

io::SpecDocument case_document(Transaction& tx, const Content& content, domain::Language lang, const Case& c,
                               const std::string& title);

}  // namespace kk::app
