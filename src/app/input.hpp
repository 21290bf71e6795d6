#pragma once
// Reading request bodies (JSON objects, also built from HTML forms) field by field. Each
// reader acts only when the field is present, so the same code serves create and PATCH;
// errors name the field.
#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>

#include "domain/enums.hpp"
#include "domain/result.hpp"

namespace kk::app::input {
using nlohmann::json;
using domain::Status;

inline constexpr std::size_t short_text = 200;
inline constexpr std::size_t long_text = 20000;

Status require_object(const json& body);
Status only_fields(const json& body, std::initializer_list<const char*> allowed);
Status require(const json& body, const char* key);

Status text(const json& body, const char* key, std::string& out, std::size_t max_length);
Status optional_text(const json& body, const char* key, std::optional<std::string>& out, std::size_t max_length);
Status boolean(const json& body, const char* key, bool& out);
Status optional_boolean(const json& body, const char* key, std::optional<bool>& out);
Status optional_integer(const json& body, const char* key, std::optional<std::int64_t>& out, std::int64_t min,
                        std::int64_t max);
Status integer(const json& body, const char* key, std::int64_t& out);
Status optional_date(const json& body, const char* key, std::optional<std::string>& out);
// A point in time (domain/deadline.hpp): a date alone is kept as given, a time is stored as UTC.
Status optional_moment(const json& body, const char* key, std::optional<std::string>& out);

template <class E>
Status enumeration(const json& body, const char* key, E& out) {
  if (!body.contains(key)) return domain::ok();
  const json& v = body[key];
  if (!v.is_string()) return domain::Error::invalid("error.type_text", key);
  auto parsed = domain::parse_enum<E>(v.get<std::string>());
  if (!parsed) return domain::Error::unprocessable("error.unknown_value", key).with("value", v.get<std::string>());
  out = *parsed;
  return domain::ok();
}

template <class E>
Status optional_enumeration(const json& body, const char* key, std::optional<E>& out) {
  if (!body.contains(key)) return domain::ok();
  if (body[key].is_null() || (body[key].is_string() && body[key].get<std::string>().empty())) {
    out.reset();
    return domain::ok();
  }
  E value{};
  if (auto s = enumeration(body, key, value); !s) return s;
  out = value;
  return domain::ok();
}

// An error of a nested item names its place: "certifications[2]." + "valid_until".
Status within(Status s, const std::string& path);

// The version a PATCH read; required.
Status version(const json& body, std::int64_t& out);

// A body of exactly {"version": n, "answers": {…}} (a form, a checklist): the version read, the
// answers present and an object.
Status versioned_answers(const json& body, std::int64_t& version);

}  // namespace kk::app::input
