#pragma once
// A requirement catalogue: security requirements with their area, kind (ska / bör),
// placement in the procurement, expected answer, texts, motive, verification, follow-up
// and references. Catalogues are data (catalog/requirements/*), versioned.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/enums.hpp"
#include "domain/localized.hpp"
#include "domain/result.hpp"

namespace kk::domain {

KK_ENUM(RequirementKind, ska, bor)
KK_ENUM(Placement, qualification, object, contract, award)
KK_ENUM(AnswerKind, yes_no, value, description, acceptance)
KK_ENUM(Verification, intyg, beskrivning, certifikat, soa, stickprov, dokumentation, demonstration, revision, referens,
        avtal)
KK_ENUM(CheckMoment, tender, contract)
KK_ENUM(Frequency, once, monthly, quarterly, half_yearly, yearly, on_change, on_event)

struct Area {
  std::string key;
  std::string code;
  Localized name;
};

struct FollowUp {
  std::string method;
  Frequency frequency = Frequency::yearly;
};

struct Requirement {
  std::string id;
  std::string area;
  RequirementKind kind = RequirementKind::ska;
  int weight = 0;  // bör only
  Placement placement = Placement::object;
  AnswerKind answer = AnswerKind::yes_no;
  std::string ska_text;
  std::string ar_text;
  std::string motive;
  std::vector<Verification> verification;
  std::vector<CheckMoment> checked;
  std::optional<FollowUp> follow_up;
  std::vector<std::string> iso27001;
  std::vector<std::string> law;
  std::vector<std::string> sources;  // seed conditions and sections it answers, e.g. "003:7"
  bool standard_named = false;       // documents add "eller likvärdigt"
  std::string catalogue;             // the id of the catalogue it comes from
  // From other formats (OSCAL): a control enhancement names its control; a withdrawn control
  // keeps its id so references resolve, but cannot be selected into a specification.
  std::string parent;
  bool withdrawn = false;
};

struct Catalogue {
  std::string id;
  int version = 1;
  std::string language = "sv";
  Localized name;
  Localized description;
  std::vector<Area> areas;
  std::vector<Requirement> requirements;
  // The catalogues (id, version) this one is made of: itself, or the parts it merges.
  std::vector<std::pair<std::string, int>> parts;

  const Requirement* find(const std::string& id) const;
  const Area* find_area(const std::string& key) const;
  std::size_t area_index(const std::string& key) const;  // areas.size() when unknown
  // Unique ids, known areas, ska/bör rules (award is always bör; bör has a weight 1–10; ska
  // answers yes/no or acceptance), a verification and a source for every requirement.
  // The error's field names the requirement and its field, e.g. "BEH-03.weight".
  Status validate() const;
  // Builds the id index find() uses; call once after the requirements are in place.
  void build_index();

 private:
  std::map<std::string, std::size_t> index_;
};

// One catalogue made of several, for a case that uses more than one: areas in order of
// first appearance, requirements of every part. A requirement id found in an earlier part
// wins; `conflicts` names the ones left out.
Catalogue merge_catalogues(const std::vector<const Catalogue*>& catalogues, std::vector<std::string>& conflicts);

}  // namespace kk::domain
