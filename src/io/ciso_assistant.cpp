#include "io/ciso_assistant.hpp"

#include <map>

#include "io/slug.hpp"
#include "io/yaml_reading.hpp"

namespace kk::io {
using namespace kk::domain;
using namespace kk::io::yaml;

namespace {

struct Node {
  std::string urn, parent, ref_id, name, description;
  bool assessable = false;
  YAML::Node at;
};

}  // namespace

bool looks_like_ciso_assistant_library(std::string_view text) {
  return text.find("requirement_nodes:") != std::string_view::npos && text.find("urn:") != std::string_view::npos;
}

Result<Catalogue> load_ciso_assistant_library(const SourceText& source) {
  Catalogue c;
  auto read = guarded<bool>(source.text, source.name, [&](const YAML::Node& root) {
    if (!root.IsMap()) throw LoadError(root, "a CISO Assistant library is a map with urn, ref_id, version and objects");
    YAML::Node framework = need(need(root, "objects"), "framework");
    std::string ref_id = optional_text(root, "ref_id");
    if (ref_id.empty()) ref_id = text(framework, "ref_id");
    c.id = slug(ref_id);
    if (c.id.empty()) throw LoadError(root["ref_id"], "the ref_id has no letters or digits to make an id of");
    YAML::Node version = need(root, "version");
    try {
      c.version = version.as<int>();
    } catch (const YAML::Exception&) {
      throw LoadError(version, "'version' is a whole number");
    }
    if (c.version < 1) throw LoadError(version, "'version' is 1 or more");
    std::string locale = optional_text(root, "locale");
    c.language = locale.empty() ? "en" : locale.substr(0, 2);
    std::string name = optional_text(framework, "name");
    if (name.empty()) name = optional_text(root, "name");
    if (name.empty()) name = ref_id;
    c.name = Localized{name, name};
    std::string about = optional_text(root, "urn") + " (" + optional_text(root, "provider") + ")";
    c.description = Localized{about, about};

    YAML::Node nodes = need(framework, "requirement_nodes");
    if (!nodes.IsSequence()) throw LoadError(nodes, "'requirement_nodes' must be a list");
    std::vector<Node> all;
    std::map<std::string, std::size_t> by_urn;
    for (const auto& n : nodes) {
      if (!n.IsMap()) throw LoadError(n, "each requirement node is a map with at least a urn");
      Node node{text(n, "urn"), optional_text(n, "parent_urn"), optional_text(n, "ref_id"), optional_text(n, "name"),
                optional_text(n, "description"), false, n};
      if (YAML::Node a = n["assessable"]; a && !a.IsNull()) {
        try {
          node.assessable = a.as<bool>();
        } catch (const YAML::Exception&) {
          throw LoadError(a, "'assessable' is true or false");
        }
      }
      if (!by_urn.emplace(node.urn, all.size()).second) throw LoadError(n, "the urn '" + node.urn + "' is used twice");
      all.push_back(std::move(node));
    }
    // The top node above each node (its area), following parent_urn; a loop is refused.
    auto top_of = [&](std::size_t i) {
      std::size_t steps = 0;
      while (!all[i].parent.empty()) {
        auto p = by_urn.find(all[i].parent);
        if (p == by_urn.end()) throw LoadError(all[i].at, "parent_urn '" + all[i].parent + "' names no node before or after");
        if (++steps > all.size()) throw LoadError(all[i].at, "the parent_urn links go round in a loop");
        i = p->second;
      }
      return i;
    };
    auto label = [](const Node& n) { return !n.ref_id.empty() ? n.ref_id : !n.name.empty() ? n.name : n.urn; };
    std::map<std::size_t, std::string> area_of_top;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (!all[i].parent.empty()) continue;
      std::string key = slug(label(all[i]));
      if (key.empty()) key = "node-" + std::to_string(i);
      for (const auto& a : c.areas)
        if (a.key == key) key += "-" + std::to_string(i);  // two top nodes with one ref_id
      c.areas.push_back({key, all[i].ref_id, Localized{all[i].name.empty() ? label(all[i]) : all[i].name,
                                                       all[i].name.empty() ? label(all[i]) : all[i].name}});
      area_of_top[i] = key;
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
      const Node& n = all[i];
      if (!n.assessable) continue;
      Requirement r;
      r.id = !n.ref_id.empty() ? n.ref_id : n.urn.substr(n.urn.rfind(':') + 1);
      r.area = area_of_top.at(top_of(i));
      r.catalogue = c.id;
      r.kind = RequirementKind::ska;
      r.placement = Placement::object;
      r.answer = AnswerKind::yes_no;
      r.verification = {Verification::dokumentation};
      r.sources = {n.urn};
      std::string heading = n.name.empty() ? "" : n.name;
      r.ska_text = heading.empty() ? n.description
                                   : n.description.empty() ? heading : heading + ": " + n.description;
      if (r.ska_text.empty()) throw LoadError(n.at, "an assessable node needs a name or a description");
      // The motive: where in the framework the requirement stands.
      std::string path;
      for (std::string p = n.parent; !p.empty();) {
        const Node& up = all[by_urn.at(p)];
        path = label(up) + (up.name.empty() || up.name == label(up) ? "" : " " + up.name) + (path.empty() ? "" : " › " + path);
        p = up.parent;
      }
      r.motive = name + (path.empty() ? "" : ": " + path) + ".";
      r.parent = n.parent.empty() ? "" : label(all[by_urn.at(n.parent)]);
      c.requirements.push_back(std::move(r));
    }
    if (c.requirements.empty()) throw LoadError(nodes, "no requirement node is assessable: there is nothing to require");
    if (c.areas.empty()) throw LoadError(nodes, "no node is at the top (without parent_urn)");
    return true;
  });
  if (!read) return read.error();
  // A requirement's parent is a node, not necessarily a requirement: kept only when it is one.
  c.build_index();
  for (auto& r : c.requirements)
    if (!r.parent.empty() && !c.find(r.parent)) r.parent.clear();
  return validated(Result<Catalogue>(std::move(c)), source.name);
}

}  // namespace kk::io
