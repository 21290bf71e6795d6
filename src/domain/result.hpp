#pragma once
// Expected failures travel as values (GCC 12 has no std::expected). An Error carries a
// kind (mapped to an HTTP status at the edge), a message key of the message catalogue,
// the field it concerns and parameters for the message text.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace kk::domain {

enum class ErrorKind {
  invalid,          // malformed request: 400
  unprocessable,    // well-formed but breaks a rule: 422
  unauthenticated,  // 401
  forbidden,        // 403
  not_found,        // 404
  conflict,         // 409 (stale version, duplicate)
  too_many,         // 429 (sign-in attempts)
  unavailable,      // 503
};

struct Error {
  ErrorKind kind = ErrorKind::invalid;
  std::string key;    // message catalogue key, e.g. "error.level_out_of_range"
  std::string field;  // the field, row or line it concerns (may be empty)
  std::map<std::string, std::string> params;

  static Error invalid(std::string key, std::string field = {}) {
    return {ErrorKind::invalid, std::move(key), std::move(field), {}};
  }
  static Error unprocessable(std::string key, std::string field = {}) {
    return {ErrorKind::unprocessable, std::move(key), std::move(field), {}};
  }
  static Error forbidden() { return {ErrorKind::forbidden, "error.forbidden", {}, {}}; }
  static Error not_found() { return {ErrorKind::not_found, "error.not_found", {}, {}}; }
  static Error conflict(std::string key) { return {ErrorKind::conflict, std::move(key), {}, {}}; }
  Error&& with(std::string name, std::string value) && {
    params[std::move(name)] = std::move(value);
    return std::move(*this);
  }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }
  Error&& take_error() { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};
using Status = Result<Ok>;
inline Status ok() { return Ok{}; }

}  // namespace kk::domain

// KK_TRY(expr): evaluates a Result; returns its error from the enclosing function,
// otherwise yields the value (a GCC/Clang statement expression).
#define KK_TRY(expr)                                     \
  ({                                                     \
    auto kk_try_result_ = (expr);                        \
    if (!kk_try_result_.ok()) return kk_try_result_.take_error(); \
    std::move(kk_try_result_).value();                   \
  })
