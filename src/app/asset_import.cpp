// Importing the asset inventory from a spreadsheet (io/asset_table reads the cells): owners are
// matched to the organisation's users, and each row goes through the same checks as the form.
// An asset whose name is already in the inventory is updated; nothing is written unless every
// row can be taken.
#include <algorithm>

#include "app/assets.hpp"
#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "app/import_problems.hpp"
#include "app/views.hpp"
#include "io/asset_table.hpp"
#include "io/header_map.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {

// The row as the form's body: only what the sheet says is changed.
json body_of(const io::AssetRow& row) {
  json body = {{"name", row.name}};
  if (row.description) body["description"] = *row.description;
  if (row.owner_unit) body["owner_unit"] = *row.owner_unit;
  json levels = json::object();
  for (const auto& [aspect, level] : row.levels) levels[std::string(to_string(aspect))] = level;
  if (!levels.empty()) body["classification"] = levels;
  json flags = json::object();
  for (const auto& [flag, on] : row.flags) flags[std::string(to_string(flag))] = on;
  if (!flags.empty()) body["flags"] = flags;
  return body;
}

}  // namespace

Result<json> AssetService::import(const Actor& actor, const std::string& bytes, const std::string& file_name) {
  KK_TRY(authorize(actor, Permission::edit_assets));
  io::FlagNames flag_names;
  for (auto name : enum_names(Flag{})) {
    std::string key = "enum.flag." + std::string(name);
    flag_names[*parse_enum<Flag>(name)] = {content_.messages.text(Language::sv, key),
                                           content_.messages.text(Language::en, key)};
  }
  return write([&](Transaction& tx) -> Result<json> {
    auto org = tx.organisation(actor.org_id());
    const ClassificationModel& model = content_.model(org ? org->classification_model : "standard");
    auto reading = KK_TRY(io::read_asset_table(bytes, model, flag_names));
    auto users = tx.users(actor.org_id());
    auto names = user_names(users);
    std::vector<Asset> existing = tx.assets_page(actor.org_id(), -1, 0);
    auto& problems = reading.problems;
    int created = 0, updated = 0, unchanged = 0;
    for (const auto& row : reading.rows) {
      json body = body_of(row);
      if (!row.owner.empty()) {
        auto user = std::find_if(users.begin(), users.end(), [&](const User& u) {
          return io::same_words(row.owner, u.username) || io::same_words(row.owner, u.email) ||
                 io::same_words(row.owner, u.display_name);
        });
        if (user == users.end()) {
          problems.push_back({row.row, "unknown_owner", {{"value", row.owner}}});
          continue;
        }
        body["owner_user_id"] = user->id;
      }
      auto found = std::find_if(existing.begin(), existing.end(), [&](const Asset& a) { return io::same_words(a.name, row.name); });
      Asset next;
      if (found != existing.end()) {
        next = *found;
        body["name"] = found->name;  // the inventory's spelling stays
      } else {
        next.org_id = actor.org_id();
        next.id = new_id();
        next.model_id = model.id;
        next.model_version = model.version;
        next.created_at = next.updated_at = now_utc();
      }
      if (auto applied = apply(tx, actor, body, next); !applied) {
        problems.push_back({row.row, "invalid", {{"problem", content_.messages.error_text(actor.lang, applied.error())}}});
        continue;
      }
      if (found == existing.end()) {
        tx.insert_asset(next);
        record_audit(tx, actor, "asset.create", "asset", next.id, nullptr, asset_json(next, names));
        ++created;
        continue;
      }
      json before = asset_json(*found, names);
      if (before == asset_json(next, names)) {
        ++unchanged;
        continue;
      }
      next.updated_at = now_utc();
      if (!tx.update_asset(next, found->version)) return Error::conflict("error.stale_version");
      next.version = found->version + 1;
      record_audit(tx, actor, "asset.update", "asset", next.id, before, asset_json(next, names));
      ++updated;
    }
    if (!problems.empty())
      return rows_rejected(content_.messages, actor.lang, "error.assets_rejected", "asset_row", problems);
    json summary = {{"created", created}, {"updated", updated}, {"unchanged", unchanged}};
    record_audit(tx, actor, "asset.import", "organisation", actor.org_id(), nullptr,
                 json{{"file", file_name}, {"created", created}, {"updated", updated}, {"unchanged", unchanged}});
    summary["ignored_columns"] = reading.ignored_columns;
    return summary;
  });
}

}  // namespace kk::app
