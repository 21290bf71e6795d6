// Help beside the work: the glossary of the words the guidance and the pages use
// (catalog/glossary/begrepp.yaml), in the reader's language, each term with an anchor so a page
// can link to it.
#include "web/web_app.hpp"

namespace kk::web {
using nlohmann::json;

void WebApp::register_help_pages() {
  router_.add("GET", "/glossary", [this](RequestContext& ctx) {
    const std::string lang(domain::to_string(ctx.lang));
    auto in = [&lang](const json& text) { return text.value(lang, text.value("sv", "")); };
    json terms = json::array();
    for (const auto& t : content_.glossary)
      terms.push_back({{"key", t["key"]}, {"term", in(t["term"])}, {"definition", in(t["definition"])},
                       {"source", t.value("source", "")}});
    return page(ctx, "glossary", {{"nav", "glossary"}, {"title", message(ctx, "ui.glossary.title")}, {"terms", terms}});
  });
}

}  // namespace kk::web
