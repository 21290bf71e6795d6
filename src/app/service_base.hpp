#pragma once
// What every use case shares: the store, the content, and one way to run a unit of work.
#include <nlohmann/json.hpp>

#include "app/actor.hpp"
#include "app/audit.hpp"
#include "app/content.hpp"
#include "app/content_registry.hpp"
#include "app/paging.hpp"
#include "app/permissions.hpp"
#include "app/ports.hpp"
#include "domain/result.hpp"

namespace kk::app {
using nlohmann::json;

class ServiceBase {
 public:
  ServiceBase(Store& store, const Content& content, ContentRegistry& registry)
      : store_(store), content_(content), registry_(registry) {}

 protected:
  // Runs `work` in one transaction and commits only when it succeeded: a failed use case
  // writes nothing.
  template <class F>
  auto write(F&& work) -> decltype(work(std::declval<Transaction&>())) {
    auto tx = store_.begin(true);
    auto result = work(*tx);
    if (result.ok()) tx->commit();
    return result;
  }
  template <class F>
  auto read(F&& work) -> decltype(work(std::declval<Transaction&>())) {
    auto tx = store_.begin(false);
    return work(*tx);
  }

  Store& store_;
  const Content& content_;
  ContentRegistry& registry_;
};

// A stale version answers 409 with the object's current state, so the client can merge.
inline domain::Error stale(const json& current) {
  return domain::Error::conflict("error.stale_version").with("current", current.dump());
}

}  // namespace kk::app
