#pragma once
// HTML forms: turning a posted form into the same JSON the API takes (so one validation
// serves both), and the pieces templates need (options, labels, errors tied to fields).
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/enums.hpp"
#include "domain/result.hpp"
#include "web/http.hpp"
#include "web/web_app.hpp"

namespace kk::web {

enum class FieldKind {
  text,          // sent as is
  integer,       // empty -> null; otherwise a number (or the text, so validation names the field)
  checkbox,      // present -> true, absent -> false
  tri_state,     // "" -> null, "true" / "false"
  optional_enum  // "" -> null
};

using FormSpec = std::vector<std::pair<std::string, FieldKind>>;

struct Form {
  std::multimap<std::string, std::string> values;
  static Form parse(const Request& req) { return {parse_urlencoded(req.body)}; }
  std::string get(const std::string& name) const;
  bool has(const std::string& name) const { return values.count(name) > 0; }
  std::vector<std::string> all(const std::string& name) const;
};

nlohmann::json form_to_json(const Form& form, const FormSpec& spec);

// A number as Swedish readers write it: groups of three digits parted by a no-break space and a
// decimal comma, at most two decimals (1 234 567, 7,5). Anything not a number is "".
std::string swedish_number(const nlohmann::json& number);

// The items of a field where a person may type several, separated by commas, semicolons or
// spaces ("ORG-01, LOG-02"); empty items are dropped.
std::vector<std::string> split_list(const std::string& text);

// The name of a gate given as a JSON string (gate.KEY), or null when there is none.
nlohmann::json gate_label(const WebApp& app, const RequestContext& ctx, const nlohmann::json& gate);

// A case's next steps (app CaseService::next_steps) ready for a page: each open activity's
// owner role named (the renderer adds open_activities_any and findings_any).
nlohmann::json next_steps_view(const WebApp& app, const RequestContext& ctx, nlohmann::json next);

// Label of an enum value from the message catalogue (enum.GROUP.VALUE).
std::string enum_label(const WebApp& app, const RequestContext& ctx, const std::string& group, std::string_view value);

template <class E>
nlohmann::json enum_options(const WebApp& app, const RequestContext& ctx, const std::string& group,
                            const std::string& current) {
  nlohmann::json options = nlohmann::json::array();
  for (auto name : enum_names(E{}))
    options.push_back({{"value", std::string(name)},
                       {"label", enum_label(app, ctx, group, name)},
                       {"selected", current == name}});
  return options;
}

// {"summary": text, "fields": {field: text}} for a form that was refused; the field key is
// the error's last path segment (classification.integrity -> integrity).
nlohmann::json form_errors(const WebApp& app, const RequestContext& ctx, const domain::Error& error);

// Options of a level <select> for the organisation's model, with the current level marked.
nlohmann::json level_options(const nlohmann::json& model, const nlohmann::json& current);

}  // namespace kk::web
