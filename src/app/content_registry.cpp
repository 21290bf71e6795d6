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

std::vector<ContentSource> ContentRegistry::all_sources(Transaction& tx, const std::string& org_id) {
  auto own = tx.content_sources(org_id);
  for (auto& shared : tx.shared_content_sources(org_id)) own.push_back(std::move(shared));
  return own;
}

std::optional<ContentSource> ContentRegistry::find_source(Transaction& tx, const std::string& org_id,
                                                          const std::string& kind, const std::string& id, int version) {
  if (auto own = tx.content_source(org_id, kind, id, version)) return own;
  for (const auto& shared : tx.shared_content_sources(org_id))
    if (shared.kind == kind && shared.id == id && shared.version == version) {
      auto src = tx.content_source(shared.owner_org_id, kind, id, version);
      if (src) src->owner_org_id = shared.owner_org_id;
      return src;
    }
  return std::nullopt;
}

int ContentRegistry::newest_version(Transaction& tx, const std::string& org_id, const std::string& kind,
                                    const std::string& id) {
  int newest = 0;
  if (kind == "catalogue" && builtin_.catalogues.count(id)) newest = builtin_.catalogues.at(id).version;
  if (kind == "rule_set")
    for (const auto& s : builtin_.rule_sets)
      if (s.id == id) newest = s.version;
  for (const auto& src : all_sources(tx, org_id))
    if (src.kind == kind && src.id == id) newest = std::max(newest, src.version);
  return newest;
}

std::shared_ptr<const Catalogue> ContentRegistry::catalogue(Transaction& tx, const std::string& org_id,
                                                            const std::string& id, std::optional<int> version) {
  int wanted = version.value_or(newest_version(tx, org_id, "catalogue", id));
  auto builtin = builtin_.catalogues.find(id);
  // The built-in catalogue: shared without copying (it lives as long as the content).
  auto src = find_source(tx, org_id, "catalogue", id, wanted);
  if (builtin != builtin_.catalogues.end() && builtin->second.version == wanted && !src)
    return std::shared_ptr<const Catalogue>(std::shared_ptr<const Catalogue>(), &builtin->second);
  if (!src) return nullptr;
  // Keyed by the owner, so organisations sharing a catalogue share its parsed form too.
  std::string owner = src->owner_org_id.empty() ? org_id : src->owner_org_id;
  std::string key = owner + "|catalogue|" + id + "|" + std::to_string(wanted);
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return std::static_pointer_cast<const Catalogue>(it->second);
  }
  auto loaded = io::load_catalogue({src->yaml, id + ".yaml"});
  if (!loaded) return nullptr;  // checked at import; a failure here means the file changed under us
  auto parsed = std::make_shared<const Catalogue>(std::move(loaded).value());
  std::lock_guard lock(mutex_);
  cache_[key] = parsed;
  return parsed;
}

std::shared_ptr<const RuleSet> ContentRegistry::rule_set(Transaction& tx, const std::string& org_id,
                                                         const std::string& id, std::optional<int> version,
                                                         const Catalogue& against, std::string& problem) {
  int wanted = version.value_or(newest_version(tx, org_id, "rule_set", id));
  std::string yaml, name = id + ".yaml", owner = org_id;
  if (auto src = find_source(tx, org_id, "rule_set", id, wanted)) {
    yaml = src->yaml;
    if (!src->owner_org_id.empty()) owner = src->owner_org_id;
  } else if (auto path = builtin_.rule_set_paths.find(id); path != builtin_.rule_set_paths.end()) {
    // Built-in and checked against the built-in catalogue at start-up: no need to parse again.
    const Catalogue& base = builtin_.catalogues.at(builtin_.default_catalogue);
    for (const auto& s : builtin_.rule_sets)
      if (s.id == id && s.version == wanted && against.id == base.id && against.version == base.version)
        return std::shared_ptr<const RuleSet>(std::shared_ptr<const RuleSet>(), &s);
    yaml = std::string(*io::embedded_file(path->second));
    name = path->second;
  }
  if (yaml.empty()) return nullptr;
  std::string key = owner + "|rule_set|" + id + "|" + std::to_string(wanted) + "|" + against.id + "|" +
                    std::to_string(against.version);
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return std::static_pointer_cast<const RuleSet>(it->second);
  }
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

std::vector<std::string> ContentRegistry::rule_set_ids(Transaction& tx, const std::string& org_id) {
  std::set<std::string> ids;
  for (const auto& s : builtin_.rule_sets) ids.insert(s.id);
  for (const auto& src : all_sources(tx, org_id))
    if (src.kind == "rule_set") ids.insert(src.id);
  return {ids.begin(), ids.end()};
}

std::shared_ptr<const Catalogue> ContentRegistry::combined(
    const std::string& org_id, const std::vector<std::shared_ptr<const Catalogue>>& parts,
    std::vector<std::string>& problems) {
  if (parts.size() == 1) return parts.front();
  std::string key = org_id + "|merged";
  for (const auto& p : parts) key += "|" + p->id + "@" + std::to_string(p->version);
  std::vector<const Catalogue*> raw;
  for (const auto& p : parts) raw.push_back(p.get());
  std::vector<std::string> conflicts;
  auto merged = std::make_shared<const Catalogue>(merge_catalogues(raw, conflicts));
  for (const auto& c : conflicts) problems.push_back("duplicate requirement " + c);
  std::lock_guard lock(mutex_);
  if (auto it = cache_.find(key); it != cache_.end()) return std::static_pointer_cast<const Catalogue>(it->second);
  cache_[key] = merged;
  return merged;
}

void ContentRegistry::add_rule_sets(Transaction& tx, const std::string& org_id, Selection& s,
                                    const json* pinned_versions) {
  std::vector<std::pair<std::string, std::optional<int>>> wanted;
  if (pinned_versions && pinned_versions->is_array()) {
    for (const auto& v : *pinned_versions) wanted.emplace_back(v.value("id", ""), v.value("version", 1));
  } else {
    for (const auto& id : rule_set_ids(tx, org_id)) wanted.emplace_back(id, std::nullopt);
  }
  for (const auto& [id, version] : wanted) {
    std::string problem;
    auto rs = rule_set(tx, org_id, id, version, *s.catalogue, problem);
    if (!rs && version) rs = rule_set(tx, org_id, id, std::nullopt, *s.catalogue, problem);
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
  std::vector<std::shared_ptr<const Catalogue>> parts;
  for (const auto& id : ids)
    if (auto c = catalogue(tx, org_id, id, std::nullopt)) parts.push_back(c);
  if (parts.empty()) parts.push_back(catalogue(tx, org_id, builtin_.default_catalogue, std::nullopt));
  s.catalogue = combined(org_id, parts, s.problems);
  add_rule_sets(tx, org_id, s, nullptr);
  return s;
}

ContentRegistry::Selection ContentRegistry::pinned(Transaction& tx, const std::string& org_id,
                                                   const json& catalogue_versions, const json& rule_set_versions) {
  Selection s;
  std::vector<std::shared_ptr<const Catalogue>> parts;
  if (catalogue_versions.is_array())
    for (const auto& v : catalogue_versions)
      if (auto c = catalogue(tx, org_id, v.value("id", ""), v.value("version", 1))) parts.push_back(c);
  if (parts.empty()) return active(tx, org_id);
  s.catalogue = combined(org_id, parts, s.problems);
  add_rule_sets(tx, org_id, s, &rule_set_versions);
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
