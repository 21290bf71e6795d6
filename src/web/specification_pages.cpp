// The specification page: findings first, then the requirements by placement and area,
// each with "Varför?" (the rules and facts that put it there).
#include "web/forms.hpp"

namespace kk::web {
using nlohmann::json;
using namespace kk::domain;

void WebApp::register_specification_pages() {
  router_.add("GET", "/cases/{id}/specification", [this](RequestContext& ctx) {
    auto c = cases_.get(ctx.who(), ctx.param("id"));
    if (!c) return error_page(ctx, c.error());
    auto spec = specifications_.get(ctx.who(), ctx.param("id"));
    if (!spec) return error_page(ctx, spec.error());

    // Group: placement, then area, in the order the entries come.
    json placements = json::array();
    int ska = 0, bor = 0;
    for (auto e : (*spec)["entries"]) {
      std::string placement = e["placement"];
      if (placements.empty() || placements.back()["key"] != placement)
        placements.push_back({{"key", placement},
                              {"name", message(ctx, "enum.placement." + placement)},
                              {"areas", json::array()}});
      json& areas = placements.back()["areas"];
      if (areas.empty() || areas.back()["key"] != e["area"])
        areas.push_back({{"key", e["area"]}, {"name", e["area_name"]}, {"entries", json::array()}});
      e["kind_label"] = message(ctx, "enum.requirement_kind." + e["kind"].get<std::string>());
      e["is_bor"] = e["kind"] == "bor";
      json verification = json::array();
      for (const auto& v : e["verification"]) verification.push_back(message(ctx, "enum.verification." + v.get<std::string>()));
      e["verification_labels"] = verification;
      areas.back()["entries"].push_back(e);
      (e["kind"] == "ska" ? ska : bor)++;
    }
    json findings = json::array();
    for (auto f : (*spec)["findings"]) {
      f["severity_label"] = message(ctx, "enum.severity." + f["severity"].get<std::string>());
      f["css"] = f["severity"] == "block" ? "error-summary" : f["severity"] == "warning" ? "warning" : "notice";
      f["blocks_gate_label"] = f["blocks_gate"].is_string() ? json(message(ctx, "gate." + f["blocks_gate"].get<std::string>())) : json();
      findings.push_back(f);
    }
    return page(ctx, "specification",
                {{"nav", "cases"},
                 {"title", message(ctx, "ui.spec.title") + " – " + (*c)["registry_number"].get<std::string>()},
                 {"case", *c},
                 {"spec", *spec},
                 {"placements", placements},
                 {"findings", findings},
                 {"ska_count", ska},
                 {"bor_count", bor}});
  });
}

}  // namespace kk::web
