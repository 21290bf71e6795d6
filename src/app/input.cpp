#include "app/input.hpp"
#include "domain/deadline.hpp"
#include "domain/text.hpp"

#include <cctype>

namespace kk::app::input {
using domain::Error;
using domain::ok;

Status require_object(const json& body) {
  if (!body.is_object()) return Error::invalid("error.body_not_object");
  return ok();
}

Status only_fields(const json& body, std::initializer_list<const char*> allowed) {
  for (const auto& item : body.items()) {
    bool known = false;
    for (const char* a : allowed) known = known || item.key() == a;
    if (!known) return Error::invalid("error.unknown_field", item.key());
  }
  return ok();
}

Status require(const json& body, const char* key) {
  if (!body.contains(key) || body[key].is_null() ||
      (body[key].is_string() && domain::blank(body[key].get<std::string>())))
    return Error::unprocessable("error.required", key);
  return ok();
}

Status text(const json& body, const char* key, std::string& out, std::size_t max_length) {
  if (!body.contains(key)) return ok();
  const json& v = body[key];
  if (v.is_null()) {
    out.clear();
    return ok();
  }
  if (!v.is_string()) return Error::invalid("error.type_text", key);
  std::string s = v.get<std::string>();
  if (domain::utf8_length(s) > max_length)  // characters: 200 means 200 letters, å and ö included
    return Error::unprocessable("error.too_long", key).with("max", std::to_string(max_length));
  out = std::move(s);
  return ok();
}

Status optional_text(const json& body, const char* key, std::optional<std::string>& out, std::size_t max_length) {
  if (!body.contains(key)) return ok();
  std::string value;
  if (auto s = text(body, key, value, max_length); !s) return s;
  if (value.empty()) out.reset();
  else out = value;
  return ok();
}

Status boolean(const json& body, const char* key, bool& out) {
  if (!body.contains(key)) return ok();
  if (!body[key].is_boolean()) return Error::invalid("error.type_boolean", key);
  out = body[key].get<bool>();
  return ok();
}

Status optional_boolean(const json& body, const char* key, std::optional<bool>& out) {
  if (!body.contains(key)) return ok();
  if (body[key].is_null()) {
    out.reset();
    return ok();
  }
  bool value = false;
  if (auto s = boolean(body, key, value); !s) return s;
  out = value;
  return ok();
}

Status integer(const json& body, const char* key, std::int64_t& out) {
  if (!body.contains(key)) return ok();
  if (!body[key].is_number_integer()) return Error::invalid("error.type_integer", key);
  out = body[key].get<std::int64_t>();
  return ok();
}

Status optional_integer(const json& body, const char* key, std::optional<std::int64_t>& out, std::int64_t min,
                        std::int64_t max) {
  if (!body.contains(key)) return ok();
  if (body[key].is_null()) {
    out.reset();
    return ok();
  }
  std::int64_t value = 0;
  if (auto s = integer(body, key, value); !s) return s;
  if (value < min || value > max)
    return Error::unprocessable("error.out_of_range", key).with("min", std::to_string(min)).with("max", std::to_string(max));
  out = value;
  return ok();
}

Status optional_date(const json& body, const char* key, std::optional<std::string>& out) {
  if (!body.contains(key)) return ok();
  std::optional<std::string> value;
  if (auto s = optional_text(body, key, value, 10); !s) return Error::unprocessable("error.date", key);
  if (value && !domain::is_date(*value)) return Error::unprocessable("error.date", key);
  out = value;
  return ok();
}

Status optional_moment(const json& body, const char* key, std::optional<std::string>& out) {
  if (!body.contains(key)) return ok();
  std::optional<std::string> value;
  if (auto s = optional_text(body, key, value, 25); !s) return Error::unprocessable("error.moment", key);
  if (!value) {
    out.reset();
    return ok();
  }
  auto moment = domain::parse_moment(*value);
  if (!moment) return Error::unprocessable("error.moment", key);
  out = value->size() == 10 ? *value : *moment;  // a date alone stays a date: the end of that day
  return ok();
}

Status within(Status s, const std::string& path) {
  if (s) return s;
  Error e = s.take_error();
  e.field = e.field.empty() ? path : path + "." + e.field;
  return e;
}

Status version(const json& body, std::int64_t& out) {
  if (!body.contains("version")) return Error::unprocessable("error.version_required", "version");
  return integer(body, "version", out);
}

Status versioned_answers(const json& body, std::int64_t& version_out) {
  KK_TRY(require_object(body));
  KK_TRY(only_fields(body, {"version", "answers"}));
  KK_TRY(version(body, version_out));
  KK_TRY(require(body, "answers"));
  if (!body["answers"].is_object()) return Error::invalid("error.type_object", "answers");
  return ok();
}

}  // namespace kk::app::input
