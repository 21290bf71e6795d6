#include "app/content_registry.hpp"

#include <set>

#include "io/catalogue_loader.hpp"
#include "io/embedded.hpp"

namespace kk::app {
using namespace kk::domain;
using nlohmann::json;

std::vector<const RuleSet*> ContentRegistry::Selection::rules() const {
  std::vector<const RuleSet*> out;
  for (const auto& s : rule_sets) out.push_back(s.get());
  return out;
}

json ContentRegistry::Selection::catalogue_versions() const {
  json out = json::array();
  for (const auto& [id, version] : catalogue->parts) out.push_back({{"id", id}, {"version", version}});
  if (out.empty()) out.push_back({{"id", catalogue->id}, {"version", catalogue->version}});
  return out;
}

json ContentRegistry::Selection::rule_set_versions() const {
  json out = json::array();
  for (const auto& s : rule_sets) out.push_back({{"id", s->id}, {"version", s->version}});
  return out;
}

// The list is read once per selection: every later question (newest version, which versions
// exist, who owns a shared one) is answered from it, and yaml is fetched only to parse.
ContentRegistry::Sources ContentRegistry::all_sources(Transaction& tx, const std::string& org_id) {
  auto own = tx.content_sources(org_id);
  for (auto& shared : tx.shared_content_sources(org_id)) own.push_back(std::move(shared));
  return own;
}

const ContentSource* ContentRegistry::listed(const Sources& sources, const std::string& kind, const std::string& id,
                                             int version) const {
  const ContentSource* found = nullptr;
  for (const auto& src : sources)
    if (src.kind == kind && src.id == id && src.version == version && (!found || src.owner_org_id.empty()))
      found = &src;  // the organisation's own wins over a shared one
  return found;
}

std::string ContentRegistry::yaml_of(Transaction& tx, const std::string& org_id, const ContentSource& src) {
  auto full = tx.content_source(src.owner_org_id.empty() ? org_id : src.owner_org_id, src.kind, src.id, src.version);
  return full ? full->yaml : std::string();
}

int ContentRegistry::newest_version(const Sources& sources, const std::string& kind, const std::string& id) const {
  int newest = 0;
  if (kind == "catalogue" && builtin_.catalogues.count(id)) newest = builtin_.catalogues.at(id).version;
  if (kind == "rule_set")
    for (const auto& s : builtin_.rule_sets)
      if (s.id == id) newest = s.version;
  for (const auto& src : sources)
    if (src.kind == kind && src.id == id) newest = std::max(newest, src.version);
  return newest;
}

int ContentRegistry::newest_version(Transaction& tx, const std::string& org_id, const std::string& kind,
                                    const std::string& id) {
  return newest_version(all_sources(tx, org_id), kind, id);
}

std::shared_ptr<const Catalogue> ContentRegistry::catalogue_version(Transaction& tx, const std::string& org_id,
                                                                    const std::string& id, int version) {
  return catalogue(tx, org_id, all_sources(tx, org_id), id, version);
}

std::shared_ptr<const Catalogue> ContentRegistry::catalogue(Transaction& tx, const std::string& org_id,
                                                            const Sources& sources, const std::string& id,
                                                            std::optional<int> version) {
  int wanted = version.value_or(newest_version(sources, "catalogue", id));
  const ContentSource* src = listed(sources, "catalogue", id, wanted);
  auto builtin = builtin_.catalogues.find(id);
  // The built-in catalogue: shared without copying (it lives as long as the content).
  if (!src && builtin != builtin_.catalogues.end() && builtin->second.version == wanted)
    return std::shared_ptr<const Catalogue>(std::shared_ptr<const Catalogue>(), &builtin->second);
  if (!src) return nullptr;
  // Keyed by the owner, so organisations sharing a catalogue share its parsed form too.
  std::string owner = src->owner_org_id.empty() ? org_id : src->owner_org_id;
  std::string key = owner + "|catalogue|" + id + "|" + std::to_string(wanted);
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return std::static_pointer_cast<const Catalogue>(it->second);
  }
  auto loaded = io::load_catalogue({yaml_of(tx, org_id, *src), id + ".yaml"});
  if (!loaded) return nullptr;  // checked at import; a failure here means the file changed under us
  auto parsed = std::make_shared<const Catalogue>(std::move(loaded).value());
  std::lock_guard lock(mutex_);
  cache_[key] = parsed;
  return parsed;
}

std::shared_ptr<const RuleSet> ContentRegistry::rule_set(Transaction& tx, const std::string& org_id,
                                                         const Sources& sources, const std::string& id,
                                                         std::optional<int> version, const Catalogue& against,
                                                         std::string& problem) {
  int wanted = version.value_or(newest_version(sources, "rule_set", id));
  const ContentSource* src = listed(sources, "rule_set", id, wanted);
  std::string name = id + ".yaml", owner = org_id, builtin_path;
  if (src) {
    if (!src->owner_org_id.empty()) owner = src->owner_org_id;
  } else if (auto path = builtin_.rule_set_paths.find(id); path != builtin_.rule_set_paths.end()) {
    // Built-in and checked against the built-in catalogue at start-up: no need to parse again.
    const Catalogue& base = builtin_.catalogues.at(builtin_.default_catalogue);
    for (const auto& s : builtin_.rule_sets)
      if (s.id == id && s.version == wanted && against.id == base.id && against.version == base.version)
        return std::shared_ptr<const RuleSet>(std::shared_ptr<const RuleSet>(), &s);
    builtin_path = path->second;
    name = path->second;
  } else {
    return nullptr;
  }
  std::string key = owner + "|rule_set|" + id + "|" + std::to_string(wanted) + "|" + against.id + "|" +
                    std::to_string(against.version);
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return std::static_pointer_cast<const RuleSet>(it->second);
  }
  std::string yaml = src ? yaml_of(tx, org_id, *src) : std::string(*io::embedded_file(builtin_path));
  if (yaml.empty()) return nullptr;
  auto loaded = io::load_rule_set({yaml, name}, against);
  if (!loaded) {
    problem = id + ": " + loaded.error().key + " " + loaded.error().field;
    return nullptr;
  }
  auto parsed = std::make_shared<const RuleSet>(std::move(loaded).value());
  std::lock_guard lock(mutex_);
  cache_[key] = parsed;
  return parsed;
}

std::vector<std::string> ContentRegistry::rule_set_ids(const Sources& sources) const {
  std::set<std::string> ids;
  for (const auto& s : builtin_.rule_sets) ids.insert(s.id);
  for (const auto& src : sources)
    if (src.kind == "rule_set") ids.insert(src.id);
  return {ids.begin(), ids.end()};
}

std::shared_ptr<const Catalogue> ContentRegistry::combined(
    const std::string& org_id, const std::vector<std::shared_ptr<const Catalogue>>& parts,
    std::vector<std::string>& problems) {
  if (parts.size() == 1) return parts.front();
  std::string key = org_id + "|merged";
  for (const auto& p : parts) key += "|" + p->id + "@" + std::to_string(p->version);
  // The merge and its clashes are cached together, so a hit reports the clashes too.
  struct Merged {
    std::shared_ptr<const Catalogue> catalogue;
    std::vector<std::string> conflicts;
  };
  std::shared_ptr<const Merged> merged;
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) merged = std::static_pointer_cast<const Merged>(it->second);
  }
  if (!merged) {
    std::vector<const Catalogue*> raw;
    for (const auto& p : parts) raw.push_back(p.get());
    Merged fresh;
    fresh.catalogue = std::make_shared<const Catalogue>(merge_catalogues(raw, fresh.conflicts));
    std::lock_guard lock(mutex_);
    auto it = cache_.emplace(key, std::make_shared<const Merged>(std::move(fresh))).first;
    merged = std::static_pointer_cast<const Merged>(it->second);
  }
  for (const auto& c : merged->conflicts) problems.push_back("duplicate requirement " + c);
  return merged->catalogue;
}

void ContentRegistry::add_rule_sets(Transaction& tx, const std::string& org_id, const Sources& sources, Selection& s,
                                    const json* pinned_versions) {
  std::vector<std::pair<std::string, std::optional<int>>> wanted;
  if (pinned_versions && pinned_versions->is_array()) {
    for (const auto& v : *pinned_versions) wanted.emplace_back(v.value("id", ""), v.value("version", 1));
  } else {
    for (const auto& id : rule_set_ids(sources)) wanted.emplace_back(id, std::nullopt);
  }
  for (const auto& [id, version] : wanted) {
    std::string problem;
    auto rs = rule_set(tx, org_id, sources, id, version, *s.catalogue, problem);
    if (!rs && version) rs = rule_set(tx, org_id, sources, id, std::nullopt, *s.catalogue, problem);
    if (rs) s.rule_sets.push_back(rs);
    else if (!problem.empty()) s.problems.push_back(problem);
  }
}

ContentRegistry::Selection ContentRegistry::active(Transaction& tx, const std::string& org_id,
                                                   const std::vector<std::string>& catalogue_ids) {
  std::vector<std::string> ids = catalogue_ids;
  if (ids.empty()) {
    auto org = tx.organisation(org_id);
    ids.push_back(org ? org->catalogue_id : builtin_.default_catalogue);
  }
  Selection s;
  const Sources sources = all_sources(tx, org_id);
  std::vector<std::shared_ptr<const Catalogue>> parts;
  for (const auto& id : ids)
    if (auto c = catalogue(tx, org_id, sources, id, std::nullopt)) parts.push_back(c);
  if (parts.empty()) parts.push_back(catalogue(tx, org_id, sources, builtin_.default_catalogue, std::nullopt));
  s.catalogue = combined(org_id, parts, s.problems);
  add_rule_sets(tx, org_id, sources, s, nullptr);
  return s;
}

ContentRegistry::Selection ContentRegistry::pinned(Transaction& tx, const std::string& org_id,
                                                   const json& catalogue_versions, const json& rule_set_versions) {
  Selection s;
  const Sources sources = all_sources(tx, org_id);
  std::vector<std::shared_ptr<const Catalogue>> parts;
  if (catalogue_versions.is_array())
    for (const auto& v : catalogue_versions)
      if (auto c = catalogue(tx, org_id, sources, v.value("id", ""), v.value("version", 1))) parts.push_back(c);
  if (parts.empty()) return active(tx, org_id);
  s.catalogue = combined(org_id, parts, s.problems);
  add_rule_sets(tx, org_id, sources, s, &rule_set_versions);
  return s;
}

std::vector<ContentRegistry::Listed> ContentRegistry::list(Transaction& tx, const std::string& org_id) {
  std::vector<Listed> out;
  for (const auto& [id, c] : builtin_.catalogues) out.push_back({"catalogue", id, c.version, c.name.sv, true, "", ""});
  for (const auto& s : builtin_.rule_sets) out.push_back({"rule_set", s.id, s.version, s.name.sv, true, "", ""});
  for (const auto& src : tx.content_sources(org_id))
    out.push_back({src.kind, src.id, src.version, src.name, false, src.imported_at, ""});
  for (const auto& src : tx.shared_content_sources(org_id)) {
    auto owner = tx.organisation(src.owner_org_id);
    out.push_back({src.kind, src.id, src.version, src.name, false, src.imported_at, owner ? owner->name : ""});
  }
  return out;
}

}  // namespace kk::app
