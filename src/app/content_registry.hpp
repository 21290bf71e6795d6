#pragma once
// The catalogues and rule sets an organisation works with: the built-in ones overlaid by
// those it imported (for the same id the newest version wins), and older versions on
// demand, so a stored specification stays on the versions it was generated from. Parsed
// imports are cached; the cache is shared by all threads.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/content.hpp"
#include "app/ports.hpp"

namespace kk::app {

class ContentRegistry {
 public:
  explicit ContentRegistry(const Content& builtin) : builtin_(builtin) {}

  struct Selection {
    std::shared_ptr<const domain::Catalogue> catalogue;
    std::vector<std::shared_ptr<const domain::RuleSet>> rule_sets;
    std::vector<std::string> problems;  // rule sets left out because they do not fit the catalogue
    std::vector<const domain::RuleSet*> rules() const;
    nlohmann::json rule_set_versions() const;  // [{"id","version"}]
    nlohmann::json catalogue_versions() const;  // [{"id","version"}] of every catalogue in use
  };

  // The newest versions of the given catalogues (none: the organisation's chosen one), merged
  // when several, and every rule set that fits them.
  Selection active(Transaction& tx, const std::string& org_id, const std::vector<std::string>& catalogue_ids = {});
  // The versions a stored specification names; missing ones fall back to the newest.
  Selection pinned(Transaction& tx, const std::string& org_id, const nlohmann::json& catalogue_versions,
                   const nlohmann::json& rule_set_versions);

  struct Listed {
    std::string kind;
    std::string id;
    int version;
    std::string name;
    bool builtin;
    std::string imported_at;
    std::string shared_by;  // the owning organisation's name when another organisation shared it
  };
  std::vector<Listed> list(Transaction& tx, const std::string& org_id);
  // One version of a catalogue the organisation has (built-in, imported or shared), or null.
  std::shared_ptr<const domain::Catalogue> catalogue_version(Transaction& tx, const std::string& org_id,
                                                              const std::string& id, int version);
  // The newest version of an id (built-in or imported), or 0 when there is none.
  int newest_version(Transaction& tx, const std::string& org_id, const std::string& kind, const std::string& id);

 private:
  using Sources = std::vector<ContentSource>;  // the organisation's own and shared, without yaml
  Sources all_sources(Transaction& tx, const std::string& org_id);
  int newest_version(const Sources& sources, const std::string& kind, const std::string& id) const;
  // The listed source of that version (owner set when shared), without its yaml.
  const ContentSource* listed(const Sources& sources, const std::string& kind, const std::string& id,
                              int version) const;
  std::string yaml_of(Transaction& tx, const std::string& org_id, const ContentSource& src);
  std::shared_ptr<const domain::Catalogue> catalogue(Transaction& tx, const std::string& org_id, const Sources& sources,
                                                     const std::string& id, std::optional<int> version);
  std::shared_ptr<const domain::RuleSet> rule_set(Transaction& tx, const std::string& org_id, const Sources& sources,
                                                  const std::string& id, std::optional<int> version,
                                                  const domain::Catalogue& against, std::string& problem);
  std::vector<std::string> rule_set_ids(const Sources& sources) const;
  // One catalogue of several (cached); `problems` gets requirement ids found twice.
  std::shared_ptr<const domain::Catalogue> combined(const std::string& org_id,
                                                    const std::vector<std::shared_ptr<const domain::Catalogue>>& parts,
                                                    std::vector<std::string>& problems);
  void add_rule_sets(Transaction& tx, const std::string& org_id, const Sources& sources, Selection& s,
                     const nlohmann::json* pinned_versions);

  const Content& builtin_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const void>> cache_;
};

}  // namespace kk::app
