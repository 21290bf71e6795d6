#pragma once
// A stale edit on a page: someone saved the same object after this person opened the form. The
// form carries what it was drawn from (`_base`), so the edit can be merged field by field with
// what is stored now: fields only the other person changed take their value, fields only this
// person changed keep theirs, and fields both changed to different values are shown side by
// side, with this person's value in the form. Nothing is saved until they save again.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/result.hpp"

namespace kk::web {

class WebApp;
struct RequestContext;

struct StaleEdit {
  nlohmann::json merged = nlohmann::json::object();  // field → value for the form
  std::vector<std::string> conflicts;                // both changed, differently
  std::vector<std::string> theirs_taken;             // only the other person changed
};

// `base`: the `_base` snapshot; `mine`: what was posted; `theirs`: the stored object now.
// Numbers, numeric text, null and empty text, and lists in any order compare as equal values.
StaleEdit merge_stale_edit(const nlohmann::json& base, const nlohmann::json& mine, const nlohmann::json& theirs,
                           const std::vector<std::string>& fields);

// What the page shows (templates/_stale_edit.html): the fields taken from the other person, and
// those both changed with both values. `label` names a field, `text` shows a value.
nlohmann::json stale_edit_view(const StaleEdit& edit, const nlohmann::json& mine, const nlohmann::json& theirs,
                               const std::function<std::string(const std::string&)>& label,
                               const std::function<std::string(const std::string&, const nlohmann::json&)>& text);

// The `_base` snapshot of an object's editable fields, for the form's hidden field.
std::string edit_base(const nlohmann::json& values, const std::vector<std::string>& fields);

// How a page merges one form: its fields, where the stored values are in a 409's `current`,
// and how a field is named and a value shown.
struct StaleEditForm {
  std::vector<std::string> fields;
  std::function<nlohmann::json(const nlohmann::json& current)> stored = [](const nlohmann::json& c) { return c; };
  std::function<std::string(const std::string& field)> label;
  std::function<std::string(const std::string& field, const nlohmann::json& value)> text;
};

// A form's merge as a person reads it: fields named from the message catalogue (field.NAME),
// values shown as on the page — "not set", an enum's label (`groups`: field → enum group), a
// name for an id (`names`: id → name, such as users'), lists joined with commas.
StaleEditForm stale_edit_form(const WebApp& app, const RequestContext& ctx, std::vector<std::string> fields,
                              std::map<std::string, std::string> groups = {},
                              std::map<std::string, std::string> names = {});

// After a refused save: {"merged", "view"} for the page's echo when it was a stale save of an
// object whose current state came with the refusal; null otherwise.
nlohmann::json stale_edit_echo(const StaleEditForm& form, const domain::Error& refusal, const std::string& posted_base,
                               const nlohmann::json& mine);

// Drawing the form: `object` gets its "base" (the stored values, for the hidden field), its
// "form" (the values the form shows: the stored ones, or after a stale save the merged ones,
// while the rest of the page keeps showing what is stored) and, when `merge` (the echo above)
// is not null, the "merge" view for templates/_stale_edit.html.
void prepare_stale_edit(nlohmann::json& object, const std::vector<std::string>& fields, const nlohmann::json& merge);

}  // namespace kk::web
