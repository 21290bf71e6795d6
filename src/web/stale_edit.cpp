#include "web/stale_edit.hpp"

#include <algorithm>

#include "web/forms.hpp"
#include "web/web_app.hpp"

namespace kk::web {
using nlohmann::json;
namespace {

// One form of a value for comparing: text, or a sorted list of texts.
json canonical(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v;
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return v.dump();
  if (v.is_array()) {
    std::vector<std::string> items;
    for (const auto& item : v) items.push_back(canonical(item).dump());
    std::sort(items.begin(), items.end());
    return items;
  }
  return v.dump();
}

json field(const json& object, const std::string& name) {
  return object.is_object() && object.contains(name) ? object.at(name) : json();
}

}  // namespace

StaleEdit merge_stale_edit(const json& base, const json& mine, const json& theirs, const std::vector<std::string>& fields) {
  StaleEdit out;
  for (const auto& name : fields) {
    json b = field(base, name), m = field(mine, name), t = field(theirs, name);
    bool i_changed = canonical(m) != canonical(b);
    bool they_changed = canonical(t) != canonical(b);
    if (they_changed && !i_changed) {
      out.merged[name] = t;
      out.theirs_taken.push_back(name);
    } else {
      out.merged[name] = m;
      if (they_changed && canonical(m) != canonical(t)) out.conflicts.push_back(name);
    }
  }
  return out;
}

json stale_edit_view(const StaleEdit& edit, const json& mine, const json& theirs,
                     const std::function<std::string(const std::string&)>& label,
                     const std::function<std::string(const std::string&, const json&)>& text) {
  std::string taken;
  for (const auto& name : edit.theirs_taken) taken += (taken.empty() ? "" : ", ") + label(name);
  json conflicts = json::array();
  for (const auto& name : edit.conflicts)
    conflicts.push_back(
        {{"label", label(name)}, {"mine", text(name, field(mine, name))}, {"theirs", text(name, field(theirs, name))}});
  return {{"theirs_taken", taken},
          {"theirs_any", !edit.theirs_taken.empty()},
          {"conflicts", conflicts},
          {"conflicts_any", !conflicts.empty()}};
}

std::string edit_base(const json& values, const std::vector<std::string>& fields) {
  json base = json::object();
  for (const auto& name : fields) base[name] = field(values, name);
  return base.dump();
}

StaleEditForm stale_edit_form(const WebApp& app, const RequestContext& ctx, std::vector<std::string> fields,
                              std::map<std::string, std::string> groups, std::map<std::string, std::string> names) {
  StaleEditForm form;
  form.fields = std::move(fields);
  form.label = [&app, &ctx](const std::string& name) { return app.message(ctx, "field." + name); };
  form.text = [&app, &ctx, groups = std::move(groups), names = std::move(names)](const std::string& name,
                                                                                 const json& v) -> std::string {
    if (v.is_null() || v == "" || v == json::array()) return app.message(ctx, "ui.not_set");
    if (v.is_string()) {
      if (auto group = groups.find(name); group != groups.end()) return enum_label(app, ctx, group->second, v.get<std::string>());
      if (auto known = names.find(v.get<std::string>()); known != names.end()) return known->second;
    }
    if (!v.is_array()) return v.is_string() ? v.get<std::string>() : v.dump();
    std::string joined;
    for (const auto& item : v) joined += (joined.empty() ? "" : ", ") + (item.is_string() ? item.get<std::string>() : item.dump());
    return joined;
  };
  return form;
}

json stale_edit_echo(const StaleEditForm& form, const domain::Error& refusal, const std::string& posted_base,
                     const json& mine) {
  if (refusal.kind != domain::ErrorKind::conflict || !refusal.params.count("current")) return nullptr;
  json theirs = form.stored(json::parse(refusal.params.at("current"), nullptr, false));
  // The base comes from the browser: an object of fields whose values are at most a list of
  // texts. Anything deeper or longer is no base (the merge then shows every difference).
  json base;
  if (posted_base.size() <= 64 * 1024) {
    base = json::parse(posted_base, [](int depth, json::parse_event_t, json&) { return depth <= 2; }, false);
    if (!base.is_object()) base = nullptr;
  }
  auto edit = merge_stale_edit(base, mine, theirs, form.fields);
  return {{"merged", edit.merged}, {"view", stale_edit_view(edit, mine, theirs, form.label, form.text)}};
}

void prepare_stale_edit(json& object, const std::vector<std::string>& fields, const json& merge) {
  json form = json::object();
  for (const auto& name : fields) form[name] = field(object, name);
  object["base"] = form.dump();
  if (!merge.is_null()) {
    for (const auto& [name, value] : merge["merged"].items()) form[name] = value;
    object["merge"] = merge["view"];
  }
  object["form"] = std::move(form);
}

}  // namespace kk::web
