#pragma once
// Reads requirement catalogues and rule sets from YAML (the public formats of
// docs/catalogue-format.md), checking them as it goes. Errors name file, line and field.
#include <string>
#include <utility>
#include <vector>

#include "domain/case_form.hpp"
#include "domain/catalogue.hpp"
#include "domain/result.hpp"
#include "domain/rule_set.hpp"

namespace kk::io {

struct SourceText {
  std::string text;
  std::string name;  // file name for messages
};

// A catalogue from its header file (id, version, language, name, areas, and optionally
// requirements) and any further files holding `requirements:` lists.
domain::Result<domain::Catalogue> load_catalogue(const SourceText& header, const std::vector<SourceText>& parts = {});

// A rule set, checked against the catalogue it selects from, its own examples included.
domain::Result<domain::RuleSet> load_rule_set(const SourceText& source, const domain::Catalogue& catalogue,
                                              bool check_examples = true);

// A guided form over a case (catalog/forms/*.yaml); conditions as in rule sets.
domain::Result<domain::CaseForm> load_case_form(const SourceText& source);

}  // namespace kk::io
