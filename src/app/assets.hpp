#pragma once
// Use cases of the organisation's information asset inventory and its classification.
#include "app/paging.hpp"
#include "app/service_base.hpp"

namespace kk::app {

class AssetService : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;

  domain::Result<json> list(const Actor& actor);
  // One page of the list, with {"page": page_json}.
  domain::Result<json> list(const Actor& actor, const Page& page);
  // Only {"items": [{"id", "name"}]}: for choosing an asset, without reading every classification.
  domain::Result<json> names(const Actor& actor);
  domain::Result<json> get(const Actor& actor, const std::string& id);
  domain::Result<json> create(const Actor& actor, const json& body);
  // body must carry the version read; a stale version answers 409 with the current asset.
  domain::Result<json> update(const Actor& actor, const std::string& id, const json& body);
  domain::Status remove(const Actor& actor, const std::string& id);
  // Information assets with their classification from a spreadsheet (XLSX or CSV, as KLASSA
  // exports them or as kept in Excel): a row per asset, columns found by their headers. An asset
  // whose name is already in the inventory is updated, others are created. Every row that
  // cannot be taken is reported and then nothing is imported. {"created","updated","unchanged"}.
  domain::Result<json> import(const Actor& actor, const std::string& bytes, const std::string& file_name);
  // The guided initial classification: {"answers": {question: option}} -> proposed levels
  // and flags, with the questions answered. Writes nothing.
  domain::Result<json> propose(const Actor& actor, const json& body);
  // The questions in the actor's language, for forms and clients.
  json questions(const Actor& actor) const;
  // The organisation's classification model in the actor's language.
  json model(const Actor& actor);

 private:
  domain::Status apply(Transaction& tx, const Actor& actor, const json& body, Asset& asset);
};

}  // namespace kk::app
