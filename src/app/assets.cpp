#include "app/assets.hpp"
#include "domain/text.hpp"

#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "app/input.hpp"
#include "app/views.hpp"

namespace kk::app {
using namespace kk::domain;

namespace {
constexpr auto asset_fields = {"name", "description", "owner_user_id", "owner_unit", "classification", "stage",
                               "method", "flags", "approve", "version"};

Status check_fields(const json& body) {
  KK_TRY(input::require_object(body));
  return input::only_fields(body, asset_fields);
}
}  // namespace

Result<json> AssetService::list(const Actor& actor) { return list(actor, Page{-1, 0}); }

// limit -1: the whole list, without the page.
Result<json> AssetService::list(const Actor& actor, const Page& page) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto names = user_names(tx.users(actor.org_id()));
    json items = json::array();
    for (const auto& a : tx.assets_page(actor.org_id(), page.limit, page.offset)) items.push_back(asset_json(a, names));
    if (page.limit < 0) return json{{"items", items}};
    return paged_list(std::move(items), page, [&] { return tx.count_assets(actor.org_id()); });
  });
}

Result<json> AssetService::names(const Actor& actor) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    json items = json::array();
    for (auto& [id, name] : tx.asset_names(actor.org_id())) items.push_back({{"id", std::move(id)}, {"name", std::move(name)}});
    return json{{"items", items}};
  });
}

Result<json> AssetService::get(const Actor& actor, const std::string& id) {
  KK_TRY(authorize(actor, Permission::read));
  return read([&](Transaction& tx) -> Result<json> {
    auto asset = tx.asset(actor.org_id(), id);
    if (!asset) return Error::not_found();
    json j = asset_json(*asset, user_names(tx.users(actor.org_id())));
    j["case_ids"] = tx.cases_of_asset(actor.org_id(), id);
    return j;
  });
}

Status AssetService::apply(Transaction& tx, const Actor& actor, const json& body, Asset& a) {
  KK_TRY(input::text(body, "name", a.name, input::short_text));
  KK_TRY(input::text(body, "description", a.description, input::long_text));
  KK_TRY(input::text(body, "owner_unit", a.owner_unit, input::short_text));
  KK_TRY(input::enumeration(body, "stage", a.stage));
  KK_TRY(input::enumeration(body, "method", a.method));
  if (body.contains("owner_user_id")) {
    std::optional<std::string> owner;
    KK_TRY(input::optional_text(body, "owner_user_id", owner, 64));
    if (owner) {
      auto user = tx.user(actor.org_id(), *owner);
      if (!user) return Error::unprocessable("error.unknown_user", "owner_user_id");
      if (!user->has(Role::information_owner))
        return Error::unprocessable("error.owner_not_information_owner", "owner_user_id");
    }
    if (owner != a.owner_user_id) {
      a.owner_user_id = owner;
      a.approved_by.reset();  // a new owner approves anew
      a.approved_at.reset();
    }
  }
  if (body.contains("flags")) {
    const json& flags = body["flags"];
    if (!flags.is_object()) return Error::invalid("error.type_object", "flags");
    for (const auto& item : flags.items()) {
      auto flag = parse_enum<Flag>(item.key());
      if (!flag) return Error::unprocessable("error.unknown_field", "flags." + item.key());
      if (!item.value().is_boolean()) return Error::invalid("error.type_boolean", "flags." + item.key());
      if (item.value().get<bool>()) a.flags.insert(*flag);
      else a.flags.erase(*flag);
    }
  }
  if (body.contains("classification")) {
    const json& c = body["classification"];
    if (!c.is_object()) return Error::invalid("error.type_object", "classification");
    auto org = tx.organisation(actor.org_id());
    const ClassificationModel& model = content_.model(org ? org->classification_model : "standard");
    Classification next = a.classification;
    for (const auto& item : c.items()) {
      auto aspect = parse_enum<Aspect>(item.key());
      std::string field = "classification." + item.key();
      if (!aspect) return Error::unprocessable("error.unknown_field", field);
      if (item.value().is_null()) {
        if (!model.find_aspect(*aspect) || !model.find_aspect(*aspect)->optional)
          if (a.classification[*aspect]) return Error::unprocessable("error.required", field);
        next[*aspect].reset();
        continue;
      }
      if (!item.value().is_number_integer()) return Error::invalid("error.type_integer", field);
      int level = item.value().get<int>();
      KK_TRY(model.check_level(*aspect, level));
      next[*aspect] = level;
    }
    if (next != a.classification) {
      a.classification = next;
      a.model_id = model.id;
      a.model_version = model.version;
      a.approved_by.reset();  // changed levels need the owner's approval again
      a.approved_at.reset();
    }
  }
  if (body.contains("approve")) {
    bool approve = false;
    KK_TRY(input::boolean(body, "approve", approve));
    if (approve) {
      if (!allowed(actor, Permission::approve_classification) || a.owner_user_id != actor.user.id)
        return Error{ErrorKind::forbidden, "error.only_owner_approves", "approve", {}};
      if (!a.classification[Aspect::confidentiality] || !a.classification[Aspect::integrity] ||
          !a.classification[Aspect::availability])
        return Error::unprocessable("error.classification_incomplete", "approve");
      a.approved_by = actor.user.id;
      a.approved_at = now_utc();
    } else {
      a.approved_by.reset();
      a.approved_at.reset();
    }
  }
  if (blank(a.name)) return Error::unprocessable("error.required", "name");
  return ok();
}

Result<json> AssetService::create(const Actor& actor, const json& body) {
  KK_TRY(authorize(actor, Permission::edit_assets));
  KK_TRY(check_fields(body));
  KK_TRY(input::require(body, "name"));
  return write([&](Transaction& tx) -> Result<json> {
    auto org = tx.organisation(actor.org_id());
    const ClassificationModel& model = content_.model(org ? org->classification_model : "standard");
    Asset a;
    a.org_id = actor.org_id();
    a.id = new_id();
    a.model_id = model.id;
    a.model_version = model.version;
    a.created_at = a.updated_at = now_utc();
    KK_TRY(apply(tx, actor, body, a));
    tx.insert_asset(a);
    json after = asset_json(a, user_names(tx.users(actor.org_id())));
    record_audit(tx, actor, "asset.create", "asset", a.id, nullptr, after);
    return after;
  });
}

Result<json> AssetService::update(const Actor& actor, const std::string& id, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Result<json> {
    auto current = tx.asset(actor.org_id(), id);
    if (!current) return Error::not_found();
    // Editing needs edit_assets; the owner may always approve their own asset.
    bool only_approval = body.is_object() && body.size() == 2 && body.contains("approve");
    if (!only_approval) KK_TRY(authorize(actor, Permission::edit_assets));
    KK_TRY(check_fields(body));
    std::int64_t version = 0;
    KK_TRY(input::version(body, version));
    auto names = user_names(tx.users(actor.org_id()));
    json before = asset_json(*current, names);
    if (current->version != version) return stale(before);
    Asset next = *current;
    next.updated_at = now_utc();
    KK_TRY(apply(tx, actor, body, next));
    if (!tx.update_asset(next, version)) return stale(before);
    next.version = version + 1;
    json after = asset_json(next, names);
    record_audit(tx, actor, "asset.update", "asset", id, before, after);
    return after;
  });
}

Status AssetService::remove(const Actor& actor, const std::string& id) {
  KK_TRY(authorize(actor, Permission::read));
  return write([&](Transaction& tx) -> Status {
    auto current = tx.asset(actor.org_id(), id);
    if (!current) return Error::not_found();
    KK_TRY(authorize(actor, Permission::delete_assets));
    if (!tx.cases_of_asset(actor.org_id(), id).empty()) return Error::conflict("error.asset_in_use");
    tx.delete_asset(actor.org_id(), id);
    record_audit(tx, actor, "asset.delete", "asset", id, asset_json(*current), nullptr);
    return ok();
  });
}

json AssetService::questions(const Actor& actor) const {
  json items = json::array();
  for (const auto& q : content_.questions.questions) {
    json options = json::array();
    for (const auto& o : q.options) {
      json flags = json::array();
      for (Flag f : o.flags) flags.push_back(to_string(f));
      options.push_back({{"key", o.key}, {"text", o.text.in(actor.lang)}, {"proposes", o.proposes}, {"flags", flags}});
    }
    items.push_back({{"key", q.key},
                     {"aspect", q.aspect ? json(to_string(*q.aspect)) : json()},
                     {"text", q.text.in(actor.lang)},
                     {"help", q.help.in(actor.lang)},
                     {"options", options}});
  }
  return {{"id", content_.questions.id}, {"version", content_.questions.version}, {"questions", items}};
}

json AssetService::model(const Actor& actor) {
  std::string id = "standard";
  if (auto org = read([&](Transaction& tx) -> Result<Organisation> {
        auto o = tx.organisation(actor.org_id());
        if (!o) return Error::not_found();
        return *o;
      }))
    id = org->classification_model;
  const auto& m = content_.model(id);
  json aspects = json::array(), levels = json::array();
  for (const auto& a : m.aspects)
    aspects.push_back({{"key", to_string(a.aspect)}, {"code", a.code}, {"optional", a.optional},
                       {"name", a.name.in(actor.lang)}, {"description", a.description.in(actor.lang)}});
  for (const auto& l : m.levels)
    levels.push_back({{"level", l.level}, {"name", l.name.in(actor.lang)}, {"description", l.description.in(actor.lang)}});
  return {{"id", m.id}, {"version", m.version}, {"name", m.name.in(actor.lang)}, {"aspects", aspects}, {"levels", levels}};
}

Result<json> AssetService::propose(const Actor& actor, const json& body) {
  KK_TRY(authorize(actor, Permission::read));
  KK_TRY(input::require_object(body));
  KK_TRY(input::only_fields(body, {"answers"}));
  std::map<std::string, std::string> answers;
  if (body.contains("answers")) {
    if (!body["answers"].is_object()) return Error::invalid("error.type_object", "answers");
    for (const auto& item : body["answers"].items()) {
      if (!item.value().is_string()) return Error::invalid("error.type_text", "answers." + item.key());
      answers[item.key()] = item.value().get<std::string>();
    }
  }
  auto proposal = KK_TRY(propose_classification(content_.questions, answers));
  json flags = json::array();
  for (Flag f : proposal.flags) flags.push_back(to_string(f));
  return json{{"classification", classification_json(proposal.classification)}, {"flags", flags}, {"answers", answers}};
}

}  // namespace kk::app
