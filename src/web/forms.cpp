#include "web/forms.hpp"

#include <cmath>

namespace kk::web {
using nlohmann::json;

std::string Form::get(const std::string& name) const {
  auto it = values.find(name);
  return it == values.end() ? std::string() : it->second;
}

std::vector<std::string> Form::all(const std::string& name) const {
  std::vector<std::string> out;
  auto [begin, end] = values.equal_range(name);
  for (auto it = begin; it != end; ++it) out.push_back(it->second);
  return out;
}

json form_to_json(const Form& form, const FormSpec& spec) {
  json body = json::object();
  for (const auto& [name, kind] : spec) {
    std::string v = form.get(name);
    switch (kind) {
      case FieldKind::text:
        if (form.has(name)) body[name] = v;
        break;
      case FieldKind::integer:
        if (!form.has(name)) break;
        if (v.empty()) {
          body[name] = nullptr;
        } else {
          try {
            std::size_t used = 0;
            long long n = std::stoll(v, &used);
            body[name] = used == v.size() ? json(n) : json(v);
          } catch (const std::exception&) {
            body[name] = v;  // validation answers "must be an integer", naming the field
          }
        }
        break;
      case FieldKind::checkbox:
        body[name] = form.has(name);
        break;
      case FieldKind::tri_state:
        if (!form.has(name)) break;
        body[name] = v == "true" ? json(true) : v == "false" ? json(false) : json();
        break;
      case FieldKind::optional_enum:
        if (form.has(name)) body[name] = v.empty() ? json() : json(v);
        break;
    }
  }
  return body;
}

nlohmann::json gate_label(const WebApp& app, const RequestContext& ctx, const nlohmann::json& gate) {
  if (!gate.is_string()) return nullptr;
  return app.message(ctx, "gate." + gate.get<std::string>());
}

std::string enum_label(const WebApp& app, const RequestContext& ctx, const std::string& group, std::string_view value) {
  return app.message(ctx, "enum." + group + "." + std::string(value));
}

json next_steps_view(const WebApp& app, const RequestContext& ctx, json next) {
  if (!next.is_object()) return next;
  for (auto& a : next["open_activities"])
    a["owner_label"] = a["owner"].is_string() ? json(enum_label(app, ctx, "role", a["owner"].get<std::string>())) : json();
  return next;
}

json form_errors(const WebApp& app, const RequestContext& ctx, const domain::Error& error) {
  std::string text = app.error_message(ctx, error);
  json fields = json::object();
  if (!error.field.empty()) fields[error.field.substr(error.field.rfind('.') + 1)] = text;
  return {{"summary", text}, {"fields", fields}};
}

json level_options(const json& model, const json& current) {
  json options = json::array();
  for (const auto& level : model["levels"]) {
    int n = level["level"].get<int>();
    options.push_back({{"value", std::to_string(n)},
                       {"label", std::to_string(n) + " – " + level["name"].get<std::string>()},
                       {"selected", current.is_number_integer() && current.get<int>() == n}});
  }
  return options;
}

std::string swedish_number(const nlohmann::json& number) {
  if (!number.is_number()) return {};
  // Hundredths, rounded: whole numbers stay whole, fractions keep at most two decimals.
  double value = number.get<double>();
  bool negative = value < 0;
  long long hundredths = std::llround((negative ? -value : value) * 100.0);
  std::string digits = std::to_string(hundredths / 100);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u00a0";
    out += digits[i];
  }
  if (long long cents = hundredths % 100; cents != 0) {
    out += ',';
    out += static_cast<char>('0' + cents / 10);
    if (cents % 10 != 0) out += static_cast<char>('0' + cents % 10);
  }
  return negative ? "−" + out : out;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::string item;
  for (char c : text) {
    if (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!item.empty()) items.push_back(std::move(item));
      item.clear();
    } else {
      item += c;
    }
  }
  if (!item.empty()) items.push_back(std::move(item));
  return items;
}

}  // namespace kk::web
